#ifndef ALICLOUD_EMULATOR_CIDR_HPP
#define ALICLOUD_EMULATOR_CIDR_HPP

// IPv4 addresses and CIDR blocks as the VPC API reads them: "a.b.c.d/n",
// strictly dotted-decimal, the address the first of its block.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alicloud::emulator {

std::optional<std::uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(std::uint32_t address);

struct cidr_block {
    std::uint32_t base = 0; // host bits zero
    int prefix = 0;         // 0..32

    std::uint64_t size() const noexcept { return std::uint64_t{1} << (32 - prefix); }
    std::uint32_t last() const noexcept { return static_cast<std::uint32_t>(base + size() - 1); }
    bool contains(std::uint32_t address) const noexcept { return address >= base && address <= last(); }
    bool contains(const cidr_block& inner) const noexcept { return inner.prefix >= prefix && contains(inner.base); }
    bool overlaps(const cidr_block& other) const noexcept { return contains(other.base) || other.contains(base); }
    std::string to_string() const;
};

// nullopt unless `text` is "a.b.c.d/n" with no host bits set. A bare address is
// a /32 when `bare_is_host` (a security group's SourceCidrIp may be one).
std::optional<cidr_block> parse_cidr(std::string_view text, bool bare_is_host = false);

// Inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16: what a VPC may use
// (the VPC API's CidrBlock rule, leaving out the user-defined public ranges).
bool is_private(const cidr_block& block) noexcept;

} // namespace alicloud::emulator

#endif
