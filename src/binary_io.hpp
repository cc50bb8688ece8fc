// Binary IO (private): the little-endian, length-prefixed encoding shared by the binary twin of
// the graph file and the note cache. Both are caches of convgraph's own data, read in one pass
// with every read bounds-checked, so a damaged file is refused, never trusted.
#pragma once

#include "convgraph/diagnostics.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace convgraph {

// Thrown by BinaryReader on any inconsistency; callers turn it into "not a valid file".
struct BinaryCorrupt : std::runtime_error {
    BinaryCorrupt() : std::runtime_error("corrupt binary data") {}
};

// Appends to a string. str = u32 byte length + bytes.
class BinaryWriter {
public:
    explicit BinaryWriter(std::string& out) : m_out(out) {}

    void raw(std::string_view s) { m_out.append(s); }
    template <typename T>
    void num(T v) {
        char bytes[sizeof(T)];
        store(bytes, v);
        m_out.append(bytes, sizeof bytes);
    }
    void u8(unsigned v) { num<std::uint8_t>(static_cast<std::uint8_t>(v)); }
    void u32(std::uint64_t v) {
        if (v > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("binary: value does not fit 32 bits");
        num<std::uint32_t>(static_cast<std::uint32_t>(v));
    }
    // Line and column numbers: never negative in practice; clamped so the encoding is total.
    void count(int v) { u32(clamped(v)); }
    // A place (document, line, column) in one append: twins hold millions of them.
    void u32x3(std::uint32_t a, int b, int c) {
        char bytes[12];
        store(bytes, a);
        store(bytes + 4, clamped(b));
        store(bytes + 8, clamped(c));
        m_out.append(bytes, sizeof bytes);
    }
    void str(std::string_view s) {
        if (s.size() <= 60) {  // most strings: the size and the bytes in one append
            char bytes[64];
            store(bytes, static_cast<std::uint32_t>(s.size()));
            if (!s.empty()) std::memcpy(bytes + 4, s.data(), s.size());  // an empty view's data() may be null
            m_out.append(bytes, 4 + s.size());
            return;
        }
        u32(s.size());
        m_out.append(s);
    }

private:
    // `v` little-endian at `p`: on a little-endian host, the number is its bytes.
    template <typename T>
    static void store(char* p, T v) {
        static_assert(std::is_integral_v<T>);
        if constexpr (std::endian::native == std::endian::little) {
            std::memcpy(p, &v, sizeof v);
        } else {
            for (std::size_t i = 0; i < sizeof(T); ++i) p[i] = static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF);
        }
    }
    static std::uint32_t clamped(int v) { return static_cast<std::uint32_t>(v < 0 ? 0 : v); }

    std::string& m_out;
};

class BinaryReader {
public:
    explicit BinaryReader(std::string_view data) : m_data(data) {}

    std::string_view raw(std::size_t n) {
        if (n > m_data.size() - m_pos) throw BinaryCorrupt();
        std::string_view s = m_data.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    template <typename T>
    T num() {
        return load<T>(raw(sizeof(T)).data());
    }
    unsigned u8() { return num<std::uint8_t>(); }
    std::uint32_t u32() { return num<std::uint32_t>(); }
    int count() {
        std::uint32_t v = u32();
        if (v > static_cast<std::uint32_t>(std::numeric_limits<int>::max())) throw BinaryCorrupt();
        return static_cast<int>(v);
    }
    std::string str() { return std::string(raw(u32())); }
    // The same string as a view into the data (for a CompactText: no std::string in between).
    std::string_view str_view() { return raw(u32()); }
    // Three 32-bit numbers behind one bounds check (a place: file, line, column).
    std::array<std::uint32_t, 3> u32x3() {
        const char* b = raw(12).data();
        return {load<std::uint32_t>(b), load<std::uint32_t>(b + 4), load<std::uint32_t>(b + 8)};
    }
    // A number of items, each at least `min_bytes` long: more than the bytes left is corrupt
    // (and would otherwise make a resize() ask for gigabytes).
    std::size_t items(std::uint64_t n, std::size_t min_bytes) const {
        if (n > (m_data.size() - m_pos) / min_bytes) throw BinaryCorrupt();
        return static_cast<std::size_t>(n);
    }
    bool at_end() const { return m_pos == m_data.size(); }
    std::size_t position() const { return m_pos; }

private:
    // A little-endian number at `p`: on a little-endian host, the bytes are the number.
    template <typename T>
    static T load(const char* p) {
        static_assert(std::is_integral_v<T>);
        if constexpr (std::endian::native == std::endian::little) {
            T v;
            std::memcpy(&v, p, sizeof v);
            return v;
        } else {
            std::uint64_t v = 0;
            for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
            return static_cast<T>(v);
        }
    }

    std::string_view m_data;
    std::size_t m_pos = 0;
};

// An enum from its index in a table of all its values.
template <typename Table>
typename Table::value_type enum_at(unsigned v, const Table& all) {
    if (v >= all.size()) throw BinaryCorrupt();
    return all[v];
}

// A diagnostic's severity, code, message and hint: one encoding for the note cache (which
// writes the location its own way), the binary twin and the build record.
inline void put_message(BinaryWriter& w, const Diagnostic& d) {
    w.u8(static_cast<unsigned>(d.severity));
    w.str(d.code);
    w.str(d.message);
    w.str(d.hint);
}

inline void get_message(BinaryReader& r, Diagnostic& d) {
    static constexpr std::array<Severity, 3> k_severities = {Severity::note, Severity::warning, Severity::error};
    d.severity = enum_at(r.u8(), k_severities);
    d.code = r.str();
    d.message = r.str();
    d.hint = r.str();
}

// A whole diagnostic: path, line, column, then the message.
inline void put_diagnostic(BinaryWriter& w, const Diagnostic& d) {
    w.str(d.loc.path);
    w.count(d.loc.line);
    w.count(d.loc.column);
    put_message(w, d);
}

inline Diagnostic get_diagnostic(BinaryReader& r) {
    Diagnostic d;
    d.loc.path = r.str();
    d.loc.line = r.count();
    d.loc.column = r.count();
    get_message(r, d);
    return d;
}

}  // namespace convgraph
