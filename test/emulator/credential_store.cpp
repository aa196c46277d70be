#include "credential_store.hpp"

namespace alicloud::emulator {

void credential_store::add(access_key key)
{
    if (!key.security_token.empty())
        token_owners_[key.security_token] = key.id;
    auto id = key.id;
    keys_[std::move(id)] = std::move(key);
}

const access_key* credential_store::find(std::string_view id) const
{
    auto it = keys_.find(id);
    return it == keys_.end() ? nullptr : &it->second;
}

const std::string* credential_store::token_owner(std::string_view token) const
{
    auto it = token_owners_.find(token);
    return it == token_owners_.end() ? nullptr : &it->second;
}

void credential_store::clear()
{
    keys_.clear();
    token_owners_.clear();
}

} // namespace alicloud::emulator
