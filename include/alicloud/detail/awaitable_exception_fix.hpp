#ifndef ALICLOUD_DETAIL_AWAITABLE_EXCEPTION_FIX_HPP
#define ALICLOUD_DETAIL_AWAITABLE_EXCEPTION_FIX_HPP

// Boost 1.81's Asio cannot `co_await` a deferred operation whose completion
// signature is void(std::exception_ptr, T): awaitable_async_op_handler's resume()
// tests `*result` where it means `*result.ex_`, which does not compile. This
// header declares, for one T at a time, the specialisation Asio meant, so that
// `co_await client.describe_instances(req)` (the default token, adapted by
// with_diagnostics) compiles and rethrows the exception. Later Boost versions
// fixed the template; the workaround is compiled for 1.81 only.

#include <boost/version.hpp>

#if BOOST_VERSION == 108100

#include <boost/asio/awaitable.hpp>

#include <exception>
#include <utility>

#define ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(T)                                                  \
    namespace boost::asio::detail {                                                                    \
    template <typename R, typename Executor>                                                           \
    class awaitable_async_op_handler<R(std::exception_ptr, T), Executor> : public awaitable_thread<Executor> \
    {                                                                                                  \
    public:                                                                                            \
        struct result_type {                                                                           \
            std::exception_ptr* ex_;                                                                   \
            T* value_;                                                                                 \
        };                                                                                             \
        awaitable_async_op_handler(awaitable_thread<Executor>* h, result_type& result)                 \
            : awaitable_thread<Executor>(std::move(*h)), result_(result)                               \
        {                                                                                              \
        }                                                                                              \
        void operator()(std::exception_ptr ex, T value)                                                \
        {                                                                                              \
            result_.ex_ = &ex;                                                                         \
            result_.value_ = &value;                                                                   \
            this->entry_point()->top_of_stack_->attach_thread(this);                                   \
            this->entry_point()->top_of_stack_->clear_cancellation_slot();                             \
            this->pump();                                                                              \
        }                                                                                              \
        static T resume(result_type& result)                                                           \
        {                                                                                              \
            if (*result.ex_)                                                                           \
                std::rethrow_exception(std::exchange(*result.ex_, nullptr));                           \
            return std::move(*result.value_);                                                          \
        }                                                                                              \
                                                                                                       \
    private:                                                                                           \
        result_type& result_;                                                                          \
    };                                                                                                 \
    }

#else
#define ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(T)
#endif

#endif
