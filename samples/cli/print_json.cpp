#include "print_json.hpp"

#include "terminal_text.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <limits>
#include <string>
#include <vector>

namespace alicloud::cli {
namespace {

using boost::json::error_code;
using boost::json::string_view;

// Writes each piece as the parser meets it: the text is never held as values,
// so a number keeps the digits it was sent with.
struct printer {
    static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

    struct container {
        bool object;
        std::size_t items = 0;
    };
    std::string out;
    std::vector<container> open; // innermost last
    std::string part;            // a key, string or number handed over in pieces

    void new_line() { out.append(1, '\n').append(2 * open.size(), ' '); }

    // A member's key, or an element of an array.
    void next_item()
    {
        if (open.back().items++ > 0)
            out += ',';
        new_line();
    }

    // A value: in an array it is the next element; in an object its key came first.
    void value()
    {
        if (!open.empty() && !open.back().object)
            next_item();
    }

    bool begin(bool object)
    {
        value();
        out += object ? '{' : '[';
        open.push_back({object});
        return true;
    }

    bool end()
    {
        const container c = open.back();
        open.pop_back();
        if (c.items > 0)
            new_line();
        out += c.object ? '}' : ']';
        return true;
    }

    bool piece(string_view s)
    {
        part.append(s.data(), s.size());
        return true;
    }

    bool number(string_view s)
    {
        piece(s);
        value();
        out += part;
        part.clear();
        return true;
    }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return begin(true); }
    bool on_object_end(std::size_t, error_code&) { return end(); }
    bool on_array_begin(error_code&) { return begin(false); }
    bool on_array_end(std::size_t, error_code&) { return end(); }
    bool on_key_part(string_view s, std::size_t, error_code&) { return piece(s); }
    bool on_key(string_view s, std::size_t, error_code&)
    {
        piece(s);
        next_item();
        append_json_string(out, part);
        out += ": ";
        part.clear();
        return true;
    }
    bool on_string_part(string_view s, std::size_t, error_code&) { return piece(s); }
    bool on_string(string_view s, std::size_t, error_code&)
    {
        piece(s);
        value();
        append_json_string(out, part);
        part.clear();
        return true;
    }
    bool on_number_part(string_view s, error_code&) { return piece(s); }
    bool on_int64(std::int64_t, string_view s, error_code&) { return number(s); }
    bool on_uint64(std::uint64_t, string_view s, error_code&) { return number(s); }
    bool on_double(double, string_view s, error_code&) { return number(s); }
    bool on_bool(bool b, error_code&)
    {
        value();
        out += b ? "true" : "false";
        return true;
    }
    bool on_null(error_code&)
    {
        value();
        out += "null";
        return true;
    }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }
};

} // namespace

bool print_json(std::ostream& out, std::string_view text)
{
    boost::json::basic_parser<printer> parser{boost::json::parse_options{}};
    error_code ec;
    const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (ec || used < text.size())
        return false;
    out << parser.handler().out;
    return true;
}

} // namespace alicloud::cli
