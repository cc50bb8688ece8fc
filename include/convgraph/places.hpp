// Place and Places: where in the corpus a fact is stated.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace convgraph {

// A place in a note: a SourceLoc whose path is an index into Graph::files(). Files are in
// corpus (path) order, so places sort as their SourceLocs do. 12 bytes instead of a string
// per statement: a large corpus states millions of facts.
struct Place {
    std::uint32_t file = 0;
    int line = 0;
    int column = 0;
    auto operator<=>(const Place&) const = default;
    bool operator==(const Place&) const = default;
};

// The places of one edge: a vector of Place in 16 bytes, the one place most edges have kept
// inline. (boost::container::small_vector<Place, 1> is 40 bytes — a pointer, a size and a
// capacity beside the inline element — and an edge is 80 bytes: for the 6 million edges of a
// 50,000-note corpus the difference is 144 MB.) Iterators are plain pointers, so the standard
// algorithms (sort, unique, is_sorted, ...) apply.
class Places {
public:
    using value_type = Place;
    using size_type = std::size_t;
    using iterator = Place*;
    using const_iterator = const Place*;

    Places() noexcept;
    Places(std::initializer_list<Place> places);
    Places(const Places& other);
    Places(Places&& other) noexcept;
    Places& operator=(const Places& other);
    Places& operator=(Places&& other) noexcept;
    ~Places();

    size_type size() const noexcept { return m_size & k_size_mask; }
    bool empty() const noexcept { return size() == 0; }
    size_type capacity() const noexcept;

    Place* data() noexcept;
    const Place* data() const noexcept;
    iterator begin() noexcept { return data(); }
    iterator end() noexcept { return data() + size(); }
    const_iterator begin() const noexcept { return data(); }
    const_iterator end() const noexcept { return data() + size(); }
    Place& operator[](size_type i) noexcept { return data()[i]; }
    const Place& operator[](size_type i) const noexcept { return data()[i]; }
    Place& front() noexcept { return data()[0]; }
    const Place& front() const noexcept { return data()[0]; }
    Place& back() noexcept { return data()[size() - 1]; }
    const Place& back() const noexcept { return data()[size() - 1]; }

    void push_back(const Place& p);
    void reserve(size_type n);
    void resize(size_type n);  // new places are Place{}
    iterator erase(const_iterator first, const_iterator last);
    void clear() noexcept;

    friend bool operator==(const Places& a, const Places& b) noexcept;

private:
    static constexpr std::uint32_t k_heap_flag = 0x8000'0000u;
    static constexpr std::uint32_t k_size_mask = 0x7fff'ffffu;

    bool on_heap() const noexcept { return (m_size & k_heap_flag) != 0; }
    Place* heap() const noexcept;
    void set_heap(Place* p, std::uint32_t capacity) noexcept;
    void set_size(size_type n) noexcept;
    void grow_to(size_type capacity);

    // Inline: the place at bytes 0..11. On the heap: the capacity at bytes 0..3 and the
    // pointer at bytes 4..11 (copied in and out with memcpy: no alignment is assumed).
    std::uint32_t m_size = 0;  // top bit: the places are on the heap
    alignas(4) unsigned char m_storage[12];
};

}  // namespace convgraph
