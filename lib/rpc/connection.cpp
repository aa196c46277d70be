#include "connection.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace alicloud::detail {

bool connection::closed_by_peer()
{
    auto& socket = lowest();
    if (!socket.is_open())
        return true;
    char byte;
    const auto n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    // 0: orderly close; error other than "nothing yet": reset. Bytes waiting on
    // an idle HTTP connection are not an answer to anything: unusable too.
    return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

void connection::close() noexcept
{
    boost::system::error_code ignored;
    auto& socket = lowest();
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
}

} // namespace alicloud::detail
