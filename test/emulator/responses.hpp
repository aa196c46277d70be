#ifndef ALICLOUD_EMULATOR_RESPONSES_HPP
#define ALICLOUD_EMULATOR_RESPONSES_HPP

// What the emulator answers, before the session writes it: a status and a JSON
// body, rendered as JSON or, when the request asked for Format=XML, as XML.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace alicloud::emulator {

struct api_reply {
    unsigned status = 200;
    boost::json::object body; // includes RequestId
    std::string error_code;   // empty on success
};

// An upper-case UUID, as the service's RequestIds are.
std::string new_request_id();
// `n` random characters of `alphabet` (ids, keys, secrets, tokens).
std::string random_text(std::size_t n,
                        std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

// The service's error envelope (ecs-api.md §3.2).
api_reply error_reply(unsigned status, std::string_view code, std::string_view message, std::string_view host_id);

// "The input parameter "<name>" that is mandatory for processing this request is not supplied."
api_reply missing_parameter(std::string_view name, std::string_view host_id);
// 400 InvalidParameter naming the parameter.
api_reply invalid_parameter(std::string_view name, std::string_view why, std::string_view host_id);

// 400 DryRunOperation: what a request with DryRun=true gets when it would have run.
api_reply dry_run_passed(std::string_view host_id);

// {"Regions":{"Region":[...]}} becomes <Regions><Region>..</Region>..</Regions> under <root>.
std::string render_xml(std::string_view root, const boost::json::object& body);

} // namespace alicloud::emulator

#endif
