// CompactText: an immutable string behind one pointer, for the text a graph holds per edge.
#pragma once

#include <cstddef>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace convgraph {

// A graph holds millions of edges and most have no label and no description, so these are 8
// bytes each (std::string is 32) and cost no allocation when empty; a non-empty text is one
// heap block holding its size and its bytes. Reads go through view().
class CompactText {
public:
    CompactText() noexcept = default;
    CompactText(std::string_view s) { assign(s); }
    CompactText(const std::string& s) { assign(s); }
    CompactText(const char* s) { assign(s); }
    CompactText(const CompactText& other) { assign(other.view()); }
    CompactText(CompactText&& other) noexcept : m_block(std::exchange(other.m_block, nullptr)) {}
    ~CompactText() { delete[] m_block; }

    CompactText& operator=(const CompactText& other) {
        if (this != &other) assign(other.view());
        return *this;
    }
    CompactText& operator=(CompactText&& other) noexcept {
        if (this != &other) {
            delete[] m_block;
            m_block = std::exchange(other.m_block, nullptr);
        }
        return *this;
    }
    CompactText& operator=(std::string_view s) {
        assign(s);
        return *this;
    }
    CompactText& operator=(const std::string& s) {
        assign(s);
        return *this;
    }
    CompactText& operator=(const char* s) {
        assign(s);
        return *this;
    }

    bool empty() const noexcept { return m_block == nullptr; }
    std::size_t size() const noexcept {
        if (!m_block) return 0;
        std::size_t n;
        std::memcpy(&n, m_block, sizeof n);
        return n;
    }
    std::string_view view() const noexcept {
        return m_block ? std::string_view(m_block + sizeof(std::size_t), size()) : std::string_view();
    }
    operator std::string_view() const noexcept { return view(); }
    std::string str() const { return std::string(view()); }

    friend bool operator==(const CompactText& a, const CompactText& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const CompactText& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactText& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactText& a, const char* b) noexcept { return a.view() == b; }
    friend std::ostream& operator<<(std::ostream& out, const CompactText& t) { return out << t.view(); }

private:
    void assign(std::string_view s) {
        char* block = nullptr;
        if (!s.empty()) {
            block = new char[sizeof(std::size_t) + s.size()];
            const std::size_t n = s.size();
            std::memcpy(block, &n, sizeof n);
            std::memcpy(block + sizeof n, s.data(), n);
        }
        delete[] m_block;
        m_block = block;
    }

    char* m_block = nullptr;  // [size][bytes], or null when empty
};

}  // namespace convgraph
