#ifndef ALICLOUD_GO_HPP
#define ALICLOUD_GO_HPP

// The Go SDK's asynchronous model, on Asio, in one include: FooWithChan
// (as_channel, to_channel and response_channel), FooWithCallback and its
// blocker (with_blocker), contexts (with_timeout, with_cancel, with_header...)
// and a context bound to a whole coroutine (context_binding). EnableAsync and
// Shutdown are members of every client.

#include <alicloud/adapters/blocker.hpp>
#include <alicloud/adapters/channel.hpp>
#include <alicloud/adapters/context_binding.hpp>
#include <alicloud/core/context.hpp>

#endif
