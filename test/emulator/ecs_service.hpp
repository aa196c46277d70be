#ifndef ALICLOUD_EMULATOR_ECS_SERVICE_HPP
#define ALICLOUD_EMULATOR_ECS_SERVICE_HPP

// The ECS operations (ecs-api.md §4) over in-memory instances whose lifecycle
// runs on timers of the emulator's executor. Not thread-safe: the emulator
// calls it from one executor only.

#include "authenticator.hpp"
#include "instance.hpp"
#include "network.hpp"
#include "options.hpp"
#include "responses.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/json/array.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace alicloud::emulator {

inline constexpr std::string_view ecs_api_version = "2014-05-26";

class ecs_service {
public:
    ecs_service(boost::asio::any_io_executor executor, const options& opts);
    ~ecs_service();
    ecs_service(const ecs_service&) = delete;
    ecs_service& operator=(const ecs_service&) = delete;

    // Runs an authenticated call of a known operation whose parameters passed
    // the metadata checks.
    api_reply handle(const authenticated_call& call, std::string_view host_id);

    // Forgets every instance (cancelling their timers), every ClientToken and
    // every network resource.
    void reset();

    std::size_t instance_count() const noexcept { return instances_.size(); }
    instance* find_instance(std::string_view id) { return find(id); }
    // The VPCs, vSwitches, security groups and EIPs (shared with vpc_service).
    network_state& networks() noexcept { return networks_; }
    // Every instance with its placement, for the control API's state view.
    boost::json::array instances_json() const;

    // Called when an instance moves on to its next status on its own (a timer).
    std::function<void()> on_change;

private:
    using params_t = parameters;

    api_reply describe_regions(const params_t& p, std::string_view host);
    api_reply describe_zones(const params_t& p, std::string_view host);
    api_reply describe_instances(const params_t& p, std::string_view host);
    api_reply describe_instance_status(const params_t& p, std::string_view host);
    api_reply describe_instance_attribute(const params_t& p, std::string_view host);
    api_reply run_instances(const params_t& p, std::string_view host, bool create_only);
    api_reply start_instance(const params_t& p, std::string_view host);
    api_reply stop_instance(const params_t& p, std::string_view host);
    api_reply reboot_instance(const params_t& p, std::string_view host);
    api_reply delete_instance(const params_t& p, std::string_view host);
    api_reply delete_instances(const params_t& p, std::string_view host);

    // Security groups (security_groups.cpp).
    api_reply create_security_group(const params_t& p, std::string_view host);
    api_reply authorize_security_group(const params_t& p, std::string_view host);
    api_reply revoke_security_group(const params_t& p, std::string_view host);
    api_reply describe_security_groups(const params_t& p, std::string_view host);
    api_reply describe_security_group_attribute(const params_t& p, std::string_view host);
    api_reply delete_security_group(const params_t& p, std::string_view host);
    // A security group of the region, or nullptr.
    security_group_record* find_group(std::string_view id, std::string_view region);
    // The EipAddress object of an instance's item (empty fields when none).
    void show_eip(const instance& i, boost::json::object& item, bool with_unassociate);

    // ClientToken idempotency (ecs-api.md §4.14) around an operation.
    template <class Operation>
    api_reply idempotent(const authenticated_call& call, std::string_view host, Operation&& op);

    instance* find(std::string_view id);
    // Replaces an instance's future states and starts the first timer.
    void set_plan(instance& i, std::deque<std::pair<std::chrono::milliseconds, instance_status>> plan);
    void run_next_step(const std::string& id, std::uint64_t generation);
    std::string new_instance_id(std::string_view id_hint);

    boost::asio::any_io_executor executor_;
    const options& options_;
    std::map<std::string, std::unique_ptr<instance>, std::less<>> instances_;
    network_state networks_;
    std::uint64_t next_sequence_ = 1;
    std::uint32_t next_address_ = 10;

    struct remembered_call {
        std::string action;
        std::string fingerprint;
        api_reply reply;
    };
    std::map<std::string, remembered_call, std::less<>> client_tokens_;
    // Timer handlers hold a weak reference: a completion queued before this
    // service was destroyed must not touch it.
    std::shared_ptr<int> lifetime_ = std::make_shared<int>(0);
};

} // namespace alicloud::emulator

#endif
