#include "print_request.hpp"

namespace alicloud::cli {

void print_request(std::ostream& out, signature_version version, const endpoint& ep, const signed_request& req)
{
    if (version == signature_version::v3) {
        out << "CanonicalRequest:\n" << req.canonical_request << "\n";
        out << "StringToSign: " << req.string_to_sign << "\n";
        if (const auto* auth = req.find_header("authorization"))
            out << "Authorization: " << *auth << "\n";
    } else {
        out << "StringToSign: " << req.string_to_sign << "\n";
        out << "Signature: " << req.signature << "\n";
    }
    out << "\n" << to_string(req.method) << ' ' << ep.url() << req.target << "\n";
    for (const auto& h : req.headers)
        out << h.name << ": " << h.value << "\n";
    if (!req.body.empty())
        out << "\n" << req.body << "\n";
}

} // namespace alicloud::cli
