#ifndef ALICLOUD_TEST_FUZZ_MEMORY_STREAM_HPP
#define ALICLOUD_TEST_FUZZ_MEMORY_STREAM_HPP

// A fuzz input as the bytes a client sends on a connection: a synchronous read
// stream for Beast's http::read, so that the servers' own parser set-up reads
// it as it reads a socket (header and body limits, the buffer's bound, a
// request cut short by the end of the input). Each read returns at most
// `chunk` bytes (0: all that is left), so that requests arrive in pieces, as
// they do from the network.

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace alicloud::fuzz {

class memory_stream {
public:
    memory_stream(std::string_view bytes, std::size_t chunk) noexcept : rest_(bytes), chunk_(chunk) {}

    bool empty() const noexcept { return rest_.empty(); }

    template <class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence& buffers, boost::system::error_code& ec)
    {
        if (rest_.empty()) {
            ec = boost::asio::error::eof; // the client closed its side
            return 0;
        }
        ec = {};
        const std::size_t most = chunk_ == 0 ? rest_.size() : std::min(chunk_, rest_.size());
        const std::size_t n = boost::asio::buffer_copy(buffers, boost::asio::buffer(rest_.data(), most));
        rest_.remove_prefix(n);
        return n;
    }

    template <class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence& buffers)
    {
        boost::system::error_code ec;
        const std::size_t n = read_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }

private:
    std::string_view rest_;
    std::size_t chunk_;
};

} // namespace alicloud::fuzz

#endif
