#ifndef ALICLOUD_LIB_ECS_MODELS_JSON_DOCUMENT_HPP
#define ALICLOUD_LIB_ECS_MODELS_JSON_DOCUMENT_HPP

// A success answer's JSON, parsed once into a flat array of nodes for the
// models to read.
//
// A boost::json::value tree costs a hash table per object and an allocation
// per string; the models read some members of each object, once each, and
// then drop the tree. Here Boost.JSON's SAX parser (basic_parser) appends one
// node per value, in document order; keys and strings point into the text,
// and only those the JSON escapes are unescaped into a buffer of the
// document's: a whole answer is two buffers, reused from call to call. A
// container's members are the nodes after it, up to its `end`; each member's
// `end` is its next sibling.

#include <boost/json/error.hpp>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::ecs::detail {

enum class json_kind : std::uint8_t { null, boolean, int64, uint64, number, string, object, array };

struct json_node {
    json_kind kind = json_kind::null;
    bool boolean = false;
    const char* key = nullptr;    // the member's name (members of objects only)
    std::uint32_t key_size = 0;
    std::uint32_t key_hash = 0;   // json_document::hash(key): a lookup compares this first
    std::uint32_t end = 0;        // one past the last node of this value
    std::uint32_t size = 0;       // string: bytes; object: members; array: elements
    union {
        std::int64_t int64 = 0;
        std::uint64_t uint64;
        double number;
        const char* chars; // string
    };

    bool is_number() const noexcept
    {
        return kind == json_kind::int64 || kind == json_kind::uint64 || kind == json_kind::number;
    }
    double to_double() const noexcept
    {
        return kind == json_kind::int64    ? static_cast<double>(int64)
               : kind == json_kind::uint64 ? static_cast<double>(uint64)
                                           : number;
    }
};

class json_document {
public:
    using index = std::uint32_t;

    json_document();
    ~json_document();
    json_document(const json_document&) = delete;
    json_document& operator=(const json_document&) = delete;

    // Parses `text` (standard JSON, nesting as deep as boost::json::parse
    // allows), replacing what was parsed before. `text` must outlive the reads. False, with `ec` saying why,
    // when it is not one complete JSON value.
    bool parse(std::string_view text, boost::json::error_code& ec);

    // Gives back memory beyond `bytes`, so that one huge answer does not stay
    // with a thread for good.
    void shrink(std::size_t bytes);

    const json_node& root() const noexcept { return nodes_[0]; }
    const json_node& at(index i) const noexcept { return nodes_[i]; }

    // Into the parsed text itself, or - when the JSON escaped something - into
    // the document's own buffer: valid until the next parse, and only while
    // the parsed text is.
    static std::string_view key(const json_node& n) noexcept { return {n.key, n.key_size}; }
    static std::string_view string(const json_node& n) noexcept { return {n.chars, n.size}; }

    // Models look members up by name in objects of fifty members or more, in
    // whatever order the service sent them: comparing a hash first makes
    // passing over a member one integer comparison. Member names are short and
    // differ in their length, first or last bytes, so those make the hash: a
    // handful of instructions, where a byte-at-a-time hash cost more than the
    // lookups it saved.
    static std::uint32_t hash(std::string_view key) noexcept
    {
        const std::size_t n = key.size();
        std::uint32_t head = 0;
        std::uint32_t tail = 0;
        if (n >= 4) {
            std::memcpy(&head, key.data(), 4);
            std::memcpy(&tail, key.data() + n - 4, 4);
        } else {
            for (const char c : key)
                head = (head << 8) | static_cast<unsigned char>(c);
        }
        const std::uint32_t h = (head * 0x9E3779B1u) ^ (tail * 0x85EBCA6Bu) ^ static_cast<std::uint32_t>(n);
        return h ^ (h >> 15);
    }

    // The first member (element) of a container, and the one after `i`; both
    // equal `end(container)` when there is none.
    static index first(index container) noexcept { return container + 1; }
    index next(index i) const noexcept { return nodes_[i].end; }
    index end(index container) const noexcept { return nodes_[container].end; }

private:
    struct builder;
    struct parser;

    std::vector<json_node> nodes_;
    std::string text_;               // keys and strings the JSON escaped, unescaped, back to back
    std::unique_ptr<parser> parser_; // keeps Boost.JSON's parser templates out of this header
};

} // namespace alicloud::ecs::detail

#endif
