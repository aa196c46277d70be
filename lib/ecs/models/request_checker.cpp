#include "ecs/models/request_checker.hpp"

#include <algorithm>

namespace alicloud::ecs::detail {

std::string request_checker::element(std::string_view name, std::size_t i)
{
    return std::string(name) + "." + std::to_string(i + 1);
}

void request_checker::fail(client_errc code, std::string field, std::string_view why)
{
    ec_ = code;
    diag_.client_message = field + " " + std::string(why);
    diag_.field = std::move(field);
}

bool request_checker::at_most(std::string_view name, std::size_t size, std::size_t max)
{
    if (failed())
        return false;
    if (size <= max)
        return true;
    fail(client_errc::invalid_field, element(name, max),
         "is past the limit of " + std::to_string(max) + " " + std::string(name) + " entries (the request has " +
             std::to_string(size) + ")");
    return false;
}

request_checker& request_checker::required(std::string_view field, const std::string& value)
{
    if (!failed() && value.empty())
        fail(client_errc::missing_field, std::string(field), "is required but empty");
    return *this;
}

request_checker& request_checker::in_range(std::string_view field, const std::optional<std::int32_t>& value,
                                           std::int32_t min, std::int32_t max)
{
    if (failed() || !value || (*value >= min && *value <= max))
        return *this;
    const std::string bound = max == std::numeric_limits<std::int32_t>::max()
                                  ? "at least " + std::to_string(min)
                                  : "between " + std::to_string(min) + " and " + std::to_string(max);
    fail(client_errc::invalid_field, std::string(field), "must be " + bound + ", not " + std::to_string(*value));
    return *this;
}

request_checker& request_checker::id_list(std::string_view name, const std::vector<std::string>& ids,
                                          std::size_t max, bool required)
{
    if (!at_most(name, ids.size(), max))
        return *this;
    if (required && ids.empty()) {
        fail(client_errc::missing_field, element(name, 0), "is required: give at least one");
        return *this;
    }
    const auto empty = std::find_if(ids.begin(), ids.end(), [](const std::string& id) { return id.empty(); });
    if (empty != ids.end())
        fail(client_errc::missing_field, element(name, static_cast<std::size_t>(empty - ids.begin())), "is empty");
    return *this;
}

request_checker& request_checker::json_array(std::string_view name,
                                             const std::optional<std::vector<std::string>>& items, std::size_t max)
{
    if (failed() || !items)
        return *this;
    if (items->size() > max) {
        fail(client_errc::invalid_field, std::string(name),
             "has " + std::to_string(items->size()) + " items: at most " + std::to_string(max) + " are allowed");
    } else if (std::any_of(items->begin(), items->end(), [](const std::string& s) { return s.empty(); })) {
        fail(client_errc::invalid_field, std::string(name), "has an empty item");
    }
    return *this;
}

request_checker& request_checker::client_token(const std::optional<std::string>& token)
{
    if (failed() || !token)
        return *this;
    const bool ascii = std::all_of(token->begin(), token->end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7f;
    });
    if (token->size() > 64 || !ascii)
        fail(client_errc::invalid_field, "ClientToken", "must be at most 64 printable ASCII characters");
    return *this;
}

request_checker& request_checker::not_both(std::string_view first, bool first_set, std::string_view second,
                                           bool second_set)
{
    if (!failed() && first_set && second_set)
        fail(client_errc::invalid_field, std::string(second),
             "cannot be given together with " + std::string(first) + ": choose one");
    return *this;
}

request_checker& request_checker::not_taken(std::string_view field, bool set, std::string_view operation)
{
    if (!failed() && set)
        fail(client_errc::invalid_field, std::string(field), "is not a parameter of " + std::string(operation));
    return *this;
}

} // namespace alicloud::ecs::detail
