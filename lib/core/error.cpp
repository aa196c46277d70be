#include <alicloud/core/error.hpp>

#include <boost/system/errc.hpp>

#include <string>

namespace alicloud {
namespace {

class client_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "alicloud.client"; }

    std::string message(int ev) const override
    {
        switch (static_cast<client_errc>(ev)) {
        case client_errc::missing_field: return "a required field is missing or empty";
        case client_errc::invalid_field: return "a field has a value that cannot be sent";
        case client_errc::invalid_parameter_name: return "a parameter name cannot be sent";
        case client_errc::reserved_parameter: return "a parameter name is reserved for the signer";
        case client_errc::invalid_endpoint: return "the endpoint is not a valid host or URL";
        case client_errc::malformed_response: return "malformed response";
        case client_errc::response_too_large: return "the response body exceeds the size limit";
        case client_errc::timeout: return "the operation timed out";
        case client_errc::queue_full: return "too many calls pending";
        case client_errc::shut_down: return "the client has been shut down";
        case client_errc::credentials_unavailable: return "no credentials available";
        case client_errc::not_supported: return "not supported";
        case client_errc::async_not_enabled: return "asynchronous mode is not enabled: call enable_async first";
        case client_errc::async_already_enabled:
            return "asynchronous mode is enabled: enable it again after shutdown has completed";
        }
        return "unknown alicloud client error";
    }

    boost::system::error_condition default_error_condition(int ev) const noexcept override
    {
        switch (static_cast<client_errc>(ev)) {
        case client_errc::missing_field:
        case client_errc::invalid_field:
        case client_errc::invalid_parameter_name:
        case client_errc::reserved_parameter:
        case client_errc::invalid_endpoint: return errc::invalid_parameter;
        case client_errc::malformed_response:
        case client_errc::response_too_large: return errc::malformed_response;
        case client_errc::timeout: return errc::timeout;
        case client_errc::queue_full: return errc::queue_full;
        case client_errc::shut_down: return errc::shut_down;
        case client_errc::credentials_unavailable: return errc::credentials_unavailable;
        case client_errc::not_supported:
        case client_errc::async_not_enabled:
        case client_errc::async_already_enabled: break;
        }
        return {ev, *this};
    }
};

class server_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "alicloud.server"; }

    std::string message(int ev) const override
    {
        switch (static_cast<server_errc>(ev)) {
        case server_errc::throttled: return "the service throttled the request";
        case server_errc::not_found: return "the service did not find the resource";
        case server_errc::invalid_parameter: return "the service rejected a parameter";
        case server_errc::authentication: return "the service did not authenticate the request";
        case server_errc::forbidden: return "the service did not authorize the request";
        case server_errc::conflict: return "the resource's state does not allow the operation";
        case server_errc::dry_run_passed: return "the dry run passed";
        case server_errc::server_error: return "the service failed to process the request";
        case server_errc::other: return "the service answered with an error";
        }
        return "unknown alicloud server error";
    }

    boost::system::error_condition default_error_condition(int ev) const noexcept override
    {
        switch (static_cast<server_errc>(ev)) {
        case server_errc::throttled: return errc::throttled;
        case server_errc::not_found: return errc::not_found;
        case server_errc::invalid_parameter: return errc::invalid_parameter;
        case server_errc::authentication: return errc::authentication;
        case server_errc::forbidden: return errc::forbidden;
        case server_errc::conflict: return errc::conflict;
        case server_errc::dry_run_passed: return errc::dry_run_passed;
        case server_errc::server_error: return errc::server_error;
        case server_errc::other: break;
        }
        return {ev, *this};
    }
};

class condition_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "alicloud"; }

    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::throttled: return "throttled";
        case errc::not_found: return "not found";
        case errc::invalid_parameter: return "invalid parameter";
        case errc::authentication: return "authentication failed";
        case errc::forbidden: return "forbidden";
        case errc::conflict: return "conflict with the resource's state";
        case errc::dry_run_passed: return "dry run passed";
        case errc::server_error: return "server error";
        case errc::malformed_response: return "malformed response";
        case errc::timeout: return "timeout";
        case errc::cancelled: return "cancelled";
        case errc::queue_full: return "queue full";
        case errc::shut_down: return "shut down";
        case errc::credentials_unavailable: return "credentials unavailable";
        }
        return "unknown alicloud condition";
    }

    bool equivalent(const error_code& code, int condition) const noexcept override
    {
        // Cancellation arrives from Asio (operation_aborted is ECANCELED), not from
        // us; so does a timeout the OS reports as ETIMEDOUT. Comparing with the
        // generic conditions keeps Asio out of this sans-io library.
        if (static_cast<errc>(condition) == errc::cancelled)
            return code == boost::system::errc::operation_canceled;
        if (static_cast<errc>(condition) == errc::timeout && code == boost::system::errc::timed_out)
            return true;
        return code.category().default_error_condition(code.value()) == boost::system::error_condition(condition, *this);
    }
};

} // namespace

const boost::system::error_category& client_category() noexcept
{
    static const client_category_impl instance;
    return instance;
}

const boost::system::error_category& server_category() noexcept
{
    static const server_category_impl instance;
    return instance;
}

const boost::system::error_category& condition_category() noexcept
{
    static const condition_category_impl instance;
    return instance;
}

bool is_transient(const error_code& ec) noexcept
{
    return ec == errc::throttled || ec == errc::server_error;
}

} // namespace alicloud
