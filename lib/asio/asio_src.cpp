// The one translation unit that compiles Boost.Asio, its OpenSSL layer and
// Boost.Beast (see lib/CMakeLists.txt: alicloud::asio).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
