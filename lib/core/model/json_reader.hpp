#ifndef ALICLOUD_LIB_CORE_MODEL_JSON_READER_HPP
#define ALICLOUD_LIB_CORE_MODEL_JSON_READER_HPP

// The JSON text of a whole answer, read token by token by whoever knows what
// it expects next (decode.cpp, steered by a model's descriptor). It accepts
// exactly what Boost.JSON's parser accepts with our options (strict RFC 8259:
// valid UTF-8, no comments, no trailing commas, at most `max_depth` nested
// containers) - the generic decoder re-reads with Boost.JSON whatever this
// one calls not JSON, and the fuzz target holds the two to the same verdicts.
//
// Why not Boost.JSON's basic_parser, as before: its events cost a switch and a
// state check each, and it validates a string in one pass and hands it over
// for a second; here the reader finds a string's end, checks it and (only
// when it has escapes) unescapes it in one pass over 16 bytes at a time, and
// the decoder asks for the token it expects instead of being told about every
// one. The bench's DescribeInstances answer (alicloud-decode-bench) decodes in
// a quarter fewer instructions (96k against 127k, building and destroying the
// ten 2 KB instances included) and a quarter less time.

#include "core/detail/hex.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace alicloud::detail::model {

// n bytes at a and b are the same. Keys are short (most of 3 to 24 bytes):
// overlapping loads of 4, 8 or 16 bytes compare them in two or four steps,
// where a call to memcmp cost more than the comparison.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept
{
    auto load4 = [](const char* p) {
        std::uint32_t w;
        std::memcpy(&w, p, sizeof w);
        return w;
    };
    auto load8 = [](const char* p) {
        std::uint64_t w;
        std::memcpy(&w, p, sizeof w);
        return w;
    };
    if (n >= 8 && n <= 16)
        return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
    if (n > 16 && n <= 32)
        return load8(a) == load8(b) && load8(a + 8) == load8(b + 8) && load8(a + n - 16) == load8(b + n - 16) &&
               load8(a + n - 8) == load8(b + n - 8);
    if (n >= 4 && n < 8)
        return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    return std::memcmp(a, b, n) == 0;
}

class json_reader {
public:
    static constexpr int max_depth = 64; // Boost.JSON's parse_options::max_depth, as the decoder sets it

    // A number as written. Integers that fit are converted here; anything else
    // (a fraction, an exponent, beyond 64 bits) is left to the reader of `text`.
    struct number {
        enum class type : std::uint8_t { int64, uint64, other } t;
        std::string_view text;
        std::int64_t i = 0;
        std::uint64_t u = 0;
    };

    explicit json_reader(std::string_view text) noexcept
        : p_(text.data()), end_(text.data() + text.size()), size_(text.size())
    {
    }

    bool failed() const noexcept { return failed_; }
    // A number whose exponent is so large that Boost.JSON may refuse it
    // (exponent_overflow, which depends on its internal digit bias): the
    // verdict is then Boost.JSON's own (decode.cpp asks it).
    bool unsure() const noexcept { return unsure_; }

    // The next significant character, whitespace skipped; 0 at the end.
    char peek() noexcept
    {
        while (p_ != end_) {
            const char c = *p_;
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return c;
            ++p_;
        }
        return 0;
    }

    // Consumes c when it is next (after whitespace).
    bool accept(char c) noexcept
    {
        if (peek() != c)
            return false;
        ++p_;
        return true;
    }

    // Consumes c, which must be next; else the text is not JSON.
    bool expect(char c) noexcept { return accept(c) || fail(); }

    // Opening '{' or '[' (already peeked): counts the depth.
    bool enter() noexcept
    {
        if (depth_ == max_depth)
            return fail();
        ++depth_;
        ++p_;
        return true;
    }
    void leave() noexcept { --depth_; }

    // After a member or element: true when another follows (its ',' consumed),
    // false at `close` (consumed too) or on bad text (failed() says which).
    bool next(char close) noexcept
    {
        const char c = peek();
        if (c == ',') {
            ++p_;
            return true;
        }
        if (c == close)
            ++p_;
        else
            fail();
        return false;
    }

    // A string (the '"' peeked). `out` views the text itself when it has no
    // escapes, else `scratch` holding it unescaped (valid until the next call).
    bool string(std::string_view& out) { return read_string<true>(&out); }

    // The key `"name"` is next, exactly (after whitespace): consumed, true.
    // `name` is a wire name, plain ASCII: the text's bytes, equal to it and
    // closed by a quote, are a valid string that needs no scan.
    bool key_is(std::string_view name) noexcept
    {
        if (peek() != '"' || static_cast<std::size_t>(end_ - p_) < name.size() + 2 || p_[name.size() + 1] != '"' ||
            !same_bytes(p_ + 1, name.data(), name.size()))
            return false;
        p_ += name.size() + 2;
        return true;
    }

    // A number (its first character peeked).
    bool read_number(number& out) noexcept;

    // true, false or null (its first character peeked): which, or fail.
    bool literal(std::string_view word) noexcept
    {
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0)
            return fail();
        p_ += word.size();
        return true;
    }

    // Whatever value comes next, checked and passed over.
    bool skip_value() noexcept;

    // Only whitespace may follow the root value.
    bool at_end() noexcept { return peek() == 0 && p_ == end_; }

    bool fail() noexcept
    {
        failed_ = true;
        p_ = end_; // nothing further is read
        return false;
    }

private:
    template <bool Keep>
    bool read_string(std::string_view* out);
    bool escape(bool keep);
    bool utf8_sequence() noexcept;
    void append_utf8(unsigned cp);

    const char* p_;
    const char* end_;
    std::size_t size_;
    int depth_ = 0;
    bool failed_ = false;
    bool unsure_ = false;
    std::string scratch_;
};

// The number of leading bytes of [p, p + 16) that a string may hold as they
// are: not '"', '\\', a control character or a byte of a multi-byte sequence.
inline unsigned plain_prefix(const char* p) noexcept
{
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed: bytes >= 0x80 are negative, so one comparison finds them and the controls.
    const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                         _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
    return mask == 0 ? 16u : static_cast<unsigned>(__builtin_ctz(mask));
#else
    for (unsigned i = 0; i < 16; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
            return i;
    }
    return 16;
#endif
}

template <bool Keep>
bool json_reader::read_string(std::string_view* out)
{
    // Locals, not the members: the loop runs in registers.
    const char* p = p_ + 1; // past the opening quote
    const char* const end = end_;
    const char* start = p;
    bool escaped = false; // the text is being copied, unescaped, into scratch_
    for (;;) {
        if (end - p >= 16) {
            const unsigned n = plain_prefix(p);
            p += n;
            if (n == 16)
                continue;
        } else {
            while (p != end) {
                const auto c = static_cast<unsigned char>(*p);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                    break;
                ++p;
            }
            if (p == end)
                return fail();
        }
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
            if constexpr (Keep) {
                if (escaped) {
                    scratch_.append(start, p);
                    *out = scratch_;
                } else {
                    *out = std::string_view(start, static_cast<std::size_t>(p - start));
                }
            }
            p_ = p + 1;
            return true;
        }
        p_ = p;
        if (c == '\\') {
            if constexpr (Keep) {
                if (!escaped) {
                    scratch_.clear();
                    escaped = true;
                }
                scratch_.append(start, p);
            }
            if (!escape(Keep))
                return false;
            start = p_; // the escape is copied: the next run starts after it
        } else if (c >= 0x80) {
            if (!utf8_sequence())
                return false; // (a run being copied keeps the sequence: `start` stays)
        } else {
            return fail(); // a control character
        }
        p = p_;
    }
}

// At '\\': one escape, appended to scratch_ when keep.
inline bool json_reader::escape(bool keep)
{
    ++p_;
    if (p_ == end_)
        return fail();
    const char c = *p_++;
    char plain = 0;
    switch (c) {
    case '"': plain = '"'; break;
    case '\\': plain = '\\'; break;
    case '/': plain = '/'; break;
    case 'b': plain = '\b'; break;
    case 'f': plain = '\f'; break;
    case 'n': plain = '\n'; break;
    case 'r': plain = '\r'; break;
    case 't': plain = '\t'; break;
    case 'u': break;
    default: return fail();
    }
    if (c != 'u') {
        if (keep)
            scratch_ += plain;
        return true;
    }
    auto hex4 = [this](unsigned& u) {
        if (end_ - p_ < 4)
            return false;
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const int d = detail::hex_value(p_[i]);
            if (d < 0)
                return false;
            v = v * 16 + static_cast<unsigned>(d);
        }
        p_ += 4;
        u = v;
        return true;
    };
    unsigned u1 = 0;
    if (!hex4(u1))
        return fail();
    // As Boost.JSON: a lone trailing surrogate, or a leading one without its
    // trailing half in the next escape, is refused.
    if (u1 >= 0xdc00 && u1 <= 0xdfff)
        return fail();
    if (u1 >= 0xd800 && u1 <= 0xdbff) {
        unsigned u2 = 0;
        if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
            return fail();
        p_ += 2;
        if (!hex4(u2) || u2 < 0xdc00 || u2 > 0xdfff)
            return fail();
        u1 = ((u1 - 0xd800) << 10) + (u2 - 0xdc00) + 0x10000;
    }
    if (keep)
        append_utf8(u1);
    return true;
}

inline void json_reader::append_utf8(unsigned cp)
{
    if (cp < 0x80) {
        scratch_ += static_cast<char>(cp);
    } else if (cp < 0x800) {
        scratch_ += static_cast<char>(0xc0 | (cp >> 6));
        scratch_ += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        scratch_ += static_cast<char>(0xe0 | (cp >> 12));
        scratch_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        scratch_ += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        scratch_ += static_cast<char>(0xf0 | (cp >> 18));
        scratch_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        scratch_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        scratch_ += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

// At a byte >= 0x80: one well-formed UTF-8 sequence (Unicode's table 3-7: no
// overlong forms, no surrogates, nothing above U+10FFFF), passed over.
inline bool json_reader::utf8_sequence() noexcept
{
    const auto* s = reinterpret_cast<const unsigned char*>(p_);
    const unsigned c = s[0];
    std::size_t n = 0;
    unsigned lo = 0x80; // the second byte's range: narrower after E0, ED, F0, F4
    unsigned hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        lo = c == 0xe0 ? 0xa0 : lo; // not overlong
        hi = c == 0xed ? 0x9f : hi; // not a surrogate
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        lo = c == 0xf0 ? 0x90 : lo; // not overlong
        hi = c == 0xf4 ? 0x8f : hi; // not above U+10FFFF
    } else {
        return fail();
    }
    if (static_cast<std::size_t>(end_ - p_) < n || s[1] < lo || s[1] > hi)
        return fail();
    for (std::size_t i = 2; i < n; ++i)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return fail();
    p_ += n;
    return true;
}

inline bool json_reader::read_number(number& out) noexcept
{
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative)
        ++p_;
    auto digit = [this] { return p_ != end_ && *p_ >= '0' && *p_ <= '9'; };
    if (!digit())
        return fail();
    std::uint64_t mantissa = 0;
    bool overflow = false;
    if (*p_ == '0') {
        ++p_;
    } else {
        while (digit()) {
            const auto d = static_cast<unsigned>(*p_ - '0');
            if (mantissa > (UINT64_MAX - d) / 10)
                overflow = true;
            else
                mantissa = mantissa * 10 + d;
            ++p_;
        }
    }
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
        integer = false;
        ++p_;
        if (!digit())
            return fail();
        while (digit())
            ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
        integer = false;
        ++p_;
        if (p_ != end_ && (*p_ == '+' || *p_ == '-'))
            ++p_;
        if (!digit())
            return fail();
        std::uint64_t exponent = 0;
        while (digit()) {
            if (exponent < (std::uint64_t(1) << 40))
                exponent = exponent * 10 + static_cast<unsigned>(*p_ - '0');
            ++p_;
        }
        // Boost.JSON refuses an exponent within the text's length of INT_MAX.
        if (exponent + size_ >= static_cast<std::uint64_t>(INT32_MAX))
            unsure_ = true;
    }
    out.text = std::string_view(start, static_cast<std::size_t>(p_ - start));
    out.t = number::type::other;
    if (integer && !overflow) {
        if (!negative && mantissa <= static_cast<std::uint64_t>(INT64_MAX)) {
            out.t = number::type::int64;
            out.i = static_cast<std::int64_t>(mantissa);
        } else if (!negative) {
            out.t = number::type::uint64;
            out.u = mantissa;
        } else if (mantissa <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
            out.t = number::type::int64;
            out.i = static_cast<std::int64_t>(~mantissa + 1);
        }
    }
    return true;
}

inline bool json_reader::skip_value() noexcept
{
    // Containers nest without recursion: one bit per open container, set for
    // an object (whose members are "key": value), as deep as max_depth allows.
    std::uint64_t objects = 0;
    int open = 0;
    for (;;) {
        // A value.
        const char c = peek();
        switch (c) {
        case '{':
            if (!enter())
                return false;
            if (accept('}')) {
                leave();
                break;
            }
            objects = (objects << 1) | 1;
            ++open;
            if (peek() != '"' || !read_string<false>(nullptr) || !expect(':'))
                return fail();
            continue;
        case '[':
            if (!enter())
                return false;
            if (accept(']')) {
                leave();
                break;
            }
            objects <<= 1;
            ++open;
            continue;
        case '"':
            if (!read_string<false>(nullptr))
                return false;
            break;
        case 't':
            if (!literal("true"))
                return false;
            break;
        case 'f':
            if (!literal("false"))
                return false;
            break;
        case 'n':
            if (!literal("null"))
                return false;
            break;
        default: {
            number ignored;
            if ((c != '-' && (c < '0' || c > '9')) || !read_number(ignored))
                return fail();
            break;
        }
        }
        // After a value: the next member or element, or the end of containers.
        for (;;) {
            if (open == 0)
                return true;
            const bool object = (objects & 1) != 0;
            if (next(object ? '}' : ']')) {
                if (object && (peek() != '"' || !read_string<false>(nullptr) || !expect(':')))
                    return fail();
                break;
            }
            if (failed_)
                return false;
            leave();
            objects >>= 1;
            --open;
        }
    }
}

} // namespace alicloud::detail::model

#endif
