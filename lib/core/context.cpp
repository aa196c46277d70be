// Contexts are a chain of immutable nodes. Only the nodes made by with_cancel,
// with_deadline and with_timeout own a cancel_state; value nodes share their
// parent's. A child's cancel_state is subscribed to its parent's, so a
// cancellation runs down the tree and never up.

#include <alicloud/core/context.hpp>

#include <algorithm>
#include <cerrno>
#include <map>
#include <mutex>

namespace alicloud {
namespace detail {

// asio::error::operation_aborted, without making the sans-io core include Asio.
error_code cancelled_code() noexcept
{
    return {ECANCELED, boost::system::system_category()};
}

struct cancel_state {
    std::mutex mutex;
    error_code err;
    std::uint64_t next_id = 1;
    std::map<std::uint64_t, std::function<void()>> listeners;
    cancel_subscription from_parent; // keeps this state registered with its parent's

    void cancel(const error_code& why)
    {
        std::map<std::uint64_t, std::function<void()>> to_call;
        {
            std::lock_guard lock(mutex);
            if (err)
                return;
            err = why;
            to_call.swap(listeners);
        }
        // Outside the lock: a listener may cancel children, or subscribe.
        for (auto& [id, f] : to_call)
            f();
    }

    error_code error()
    {
        std::lock_guard lock(mutex);
        return err;
    }
};

struct context_node {
    std::shared_ptr<const context_node> parent;
    std::optional<context::clock::time_point> deadline;   // the effective one
    std::shared_ptr<cancel_state> cancellation;           // nearest cancellable ancestor's (or own)
    std::optional<std::pair<std::string, std::string>> value;
    bool is_header = false;
};

} // namespace detail

struct context_access {
    static const std::shared_ptr<const detail::context_node>& node(const context& c) { return c.node_; }
    static context make(std::shared_ptr<const detail::context_node> n)
    {
        context c;
        c.node_ = std::move(n);
        return c;
    }
};

cancel_subscription::cancel_subscription(cancel_subscription&& other) noexcept
    : state_(std::move(other.state_)), id_(std::exchange(other.id_, 0))
{
}

cancel_subscription& cancel_subscription::operator=(cancel_subscription&& other) noexcept
{
    if (this != &other) {
        reset();
        state_ = std::move(other.state_);
        id_ = std::exchange(other.id_, 0);
    }
    return *this;
}

cancel_subscription::~cancel_subscription()
{
    reset();
}

void cancel_subscription::reset()
{
    std::function<void()> unregistered; // destroyed after the lock: what it holds may unsubscribe too
    if (auto s = state_.lock()) {
        std::lock_guard lock(s->mutex);
        if (auto it = s->listeners.find(id_); it != s->listeners.end()) {
            unregistered = std::move(it->second);
            s->listeners.erase(it);
        }
    }
    state_.reset();
    id_ = 0;
}

std::optional<context::clock::time_point> context::deadline() const
{
    return node_ ? node_->deadline : std::nullopt;
}

error_code context::err() const
{
    if (!node_)
        return {};
    if (node_->cancellation)
        if (auto e = node_->cancellation->error())
            return e;
    if (node_->deadline && clock::now() >= *node_->deadline)
        return client_errc::timeout;
    return {};
}

const std::string* context::value(std::string_view key) const
{
    for (const detail::context_node* n = node_.get(); n != nullptr; n = n->parent.get())
        if (n->value && n->value->first == key)
            return &n->value->second;
    return nullptr;
}

std::vector<http_header> context::headers() const
{
    std::vector<const detail::context_node*> chain;
    for (const detail::context_node* n = node_.get(); n != nullptr; n = n->parent.get())
        if (n->is_header)
            chain.push_back(n);
    std::vector<http_header> out;
    // Oldest first, so that the order is the order they were set; a nearer
    // node replaces the value of an older one with the same name.
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const auto& [name, value] = *(*it)->value;
        auto same = std::find_if(out.begin(), out.end(), [&](const http_header& h) { return h.name == name; });
        if (same != out.end())
            same->value = value;
        else
            out.push_back({name, value});
    }
    return out;
}

cancel_subscription context::on_cancel(std::function<void()> f) const
{
    if (!node_ || !node_->cancellation)
        return {}; // never cancelled: nothing to call, ever
    auto& s = *node_->cancellation;
    std::unique_lock lock(s.mutex);
    if (s.err) {
        lock.unlock();
        f();
        return {};
    }
    const auto id = s.next_id++;
    s.listeners.emplace(id, std::move(f));
    return {node_->cancellation, id};
}

void cancel_function::operator()() const
{
    if (state_)
        state_->cancel(detail::cancelled_code());
}

namespace {

cancellable_context derive_cancellable(const context& parent, std::optional<context::clock::time_point> deadline)
{
    const auto& parent_node = context_access::node(parent);
    auto node = std::make_shared<detail::context_node>();
    node->parent = parent_node;
    node->deadline = parent.deadline();
    if (deadline && (!node->deadline || *deadline < *node->deadline))
        node->deadline = deadline;
    auto state = std::make_shared<detail::cancel_state>();
    node->cancellation = state;
    // A weak reference: a child that nobody holds any more unregisters itself.
    state->from_parent = parent.on_cancel([weak = std::weak_ptr<detail::cancel_state>(state)] {
        if (auto s = weak.lock())
            s->cancel(detail::cancelled_code());
    });
    return {context_access::make(std::move(node)), cancel_function(std::move(state))};
}

context derive_value(const context& parent, std::string key, std::string value, bool header)
{
    const auto& parent_node = context_access::node(parent);
    auto node = std::make_shared<detail::context_node>();
    node->parent = parent_node;
    if (parent_node) {
        node->deadline = parent_node->deadline;
        node->cancellation = parent_node->cancellation;
    }
    node->value.emplace(std::move(key), std::move(value));
    node->is_header = header;
    return context_access::make(std::move(node));
}

} // namespace

cancellable_context with_cancel(const context& parent)
{
    return derive_cancellable(parent, std::nullopt);
}

cancellable_context with_deadline(const context& parent, context::clock::time_point deadline)
{
    return derive_cancellable(parent, deadline);
}

cancellable_context with_timeout(const context& parent, context::clock::duration timeout)
{
    return derive_cancellable(parent, context::clock::now() + timeout);
}

context with_value(const context& parent, std::string key, std::string value)
{
    return derive_value(parent, std::move(key), std::move(value), false);
}

context with_header(const context& parent, std::string name, std::string value)
{
    for (char& c : name)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return derive_value(parent, std::move(name), std::move(value), true);
}

} // namespace alicloud
