#include "ecs/models/json_document.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <functional>
#include <limits>

namespace alicloud::ecs::detail {

// The SAX handler: one node per value, keys and strings into the text buffer.
struct json_document::builder {
    static constexpr std::size_t max_object_size = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::size_t max_array_size = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::uint32_t>::max();

    std::vector<json_node>* nodes = nullptr;
    std::string* text = nullptr;
    std::vector<index> open; // the containers being filled, innermost last
    std::string_view body;
    const char* key = nullptr;
    std::uint32_t key_size = 0;
    std::uint32_t key_hash = 0;

    // A piece of a string the parser had to unescape or assemble. The buffer
    // was reserved as large as the body (unescaping only shrinks), so it never
    // moves and pointers into it stay valid.
    void append(std::string_view part) { text->append(part.data(), part.size()); }

    // Where the whole string `last` ends (`total` bytes) lives: in the body
    // when the parser handed it over in one unescaped piece, else in the buffer.
    const char* place(std::string_view last, std::size_t total)
    {
        const std::less<const char*> before;
        if (last.size() == total && !before(last.data(), body.data()) &&
            !before(body.data() + body.size(), last.data() + last.size()))
            return last.data();
        append(last);
        return text->data() + text->size() - total;
    }

    json_node& add(json_kind kind)
    {
        json_node& n = nodes->emplace_back();
        n.kind = kind;
        n.key = key;
        n.key_size = key_size;
        n.key_hash = key_hash;
        n.end = static_cast<index>(nodes->size());
        key_size = 0;
        return n;
    }

    bool begin(json_kind kind)
    {
        add(kind);
        open.push_back(static_cast<index>(nodes->size() - 1));
        return true;
    }

    bool finish(std::size_t n)
    {
        json_node& c = (*nodes)[open.back()];
        open.pop_back();
        c.size = static_cast<std::uint32_t>(n);
        c.end = static_cast<index>(nodes->size());
        return true;
    }

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code&) { return begin(json_kind::object); }
    bool on_object_end(std::size_t n, boost::json::error_code&) { return finish(n); }
    bool on_array_begin(boost::json::error_code&) { return begin(json_kind::array); }
    bool on_array_end(std::size_t n, boost::json::error_code&) { return finish(n); }

    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        append({s.data(), s.size()});
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t n, boost::json::error_code&)
    {
        key = place({s.data(), s.size()}, n);
        key_size = static_cast<std::uint32_t>(n);
        key_hash = hash({key, n});
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        append({s.data(), s.size()});
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t n, boost::json::error_code&)
    {
        const char* chars = place({s.data(), s.size()}, n);
        json_node& node = add(json_kind::string);
        node.chars = chars;
        node.size = static_cast<std::uint32_t>(n);
        return true;
    }

    bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&)
    {
        add(json_kind::int64).int64 = i;
        return true;
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&)
    {
        add(json_kind::uint64).uint64 = u;
        return true;
    }
    bool on_double(double d, boost::json::string_view, boost::json::error_code&)
    {
        add(json_kind::number).number = d;
        return true;
    }
    bool on_bool(bool b, boost::json::error_code&)
    {
        add(json_kind::boolean).boolean = b;
        return true;
    }
    bool on_null(boost::json::error_code&)
    {
        add(json_kind::null);
        return true;
    }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

struct json_document::parser {
    boost::json::basic_parser<builder> sax{boost::json::parse_options{}};
};

json_document::json_document() : parser_(std::make_unique<parser>())
{
    builder& b = parser_->sax.handler();
    b.nodes = &nodes_;
    b.text = &text_;
}

json_document::~json_document() = default;

bool json_document::parse(std::string_view body, boost::json::error_code& ec)
{
    ec.clear();
    nodes_.clear();
    text_.clear();
    builder& b = parser_->sax.handler();
    b.open.clear();
    b.body = body;
    b.key = nullptr;
    b.key_size = 0;
    auto& sax = parser_->sax;
    sax.reset();
    if (body.size() >= std::numeric_limits<std::uint32_t>::max()) {
        ec = boost::json::error::exception; // sizes are 32 bits; max_response_bytes keeps answers far smaller
        return false;
    }
    text_.reserve(body.size());
    const std::size_t used = sax.write_some(false, body.data(), body.size(), ec);
    if (!ec && used < body.size())
        ec = boost::json::error::extra_data;
    return !ec && !nodes_.empty();
}

void json_document::shrink(std::size_t bytes)
{
    if (text_.capacity() > bytes)
        std::string().swap(text_);
    if (nodes_.capacity() * sizeof(json_node) > bytes)
        std::vector<json_node>().swap(nodes_);
}

} // namespace alicloud::ecs::detail
