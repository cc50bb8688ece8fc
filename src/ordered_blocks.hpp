// Formatting a long sequence on several threads while writing it in order.
//
// Items [0, count) are cut into blocks of `block` items. Each block is formatted into its own
// string by whichever thread claims it — `threads - 1` helpers and the calling thread — and the
// calling thread hands the blocks to `sink` strictly in order. The output is therefore the same
// bytes as formatting the items one by one on one thread. At most 2 × threads blocks are held at
// once besides the one being written, so memory stays bounded however long the sequence is.
//
// `format(begin, end, out)` appends items [begin, end) to `out`; it must be safe to call from
// several threads at once on different ranges. `sink(text)` is called on the calling thread only.
// An exception from either stops the helpers and is rethrown to the caller.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace convgraph {

template <typename Format, typename Sink>
void format_in_order(std::size_t count, std::size_t block, unsigned threads, Format&& format, Sink&& sink) {
    if (block == 0) block = 1;
    const std::size_t blocks = (count + block - 1) / block;
    auto format_block = [&](std::size_t b, std::string& out) {
        format(b * block, std::min(count, (b + 1) * block), out);
    };
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, blocks));
    if (threads <= 1) {
        std::string out;
        for (std::size_t b = 0; b < blocks; ++b) {
            out.clear();
            format_block(b, out);
            sink(out);
        }
        return;
    }

    const std::size_t window = 2 * static_cast<std::size_t>(threads);
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> slots(window);
    std::vector<char> ready(window, 0);  // slots[i] holds a formatted block
    std::size_t next_claim = 0;          // first block nobody has claimed
    std::size_t next_write = 0;          // first block not yet handed to the sink
    bool stop = false;
    std::exception_ptr failure;

    // Block b may be claimed once block b - window has been written: its slot is then free.
    auto claimable = [&] { return next_claim < blocks && next_claim < next_write + window; };
    auto run = [&](std::unique_lock<std::mutex>& lock) {
        const std::size_t b = next_claim++;
        lock.unlock();
        std::string out;
        try {
            format_block(b, out);
        } catch (...) {
            lock.lock();
            if (!failure) failure = std::current_exception();
            stop = true;
            changed.notify_all();
            return;
        }
        lock.lock();
        slots[b % window] = std::move(out);
        ready[b % window] = 1;
        changed.notify_all();
    };

    std::vector<std::thread> helpers;
    auto stop_helpers = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        for (auto& t : helpers) t.join();
    };
    try {
        for (unsigned t = 1; t < threads; ++t) {
            helpers.emplace_back([&] {
                std::unique_lock lock(mutex);
                for (;;) {
                    changed.wait(lock, [&] { return stop || claimable() || next_claim >= blocks; });
                    if (stop || next_claim >= blocks) return;
                    run(lock);
                }
            });
        }
        std::unique_lock lock(mutex);
        while (next_write < blocks && !stop) {
            const std::size_t slot = next_write % window;
            if (ready[slot]) {
                std::string text = std::move(slots[slot]);
                ready[slot] = 0;
                ++next_write;
                changed.notify_all();
                lock.unlock();
                sink(text);
                lock.lock();
            } else if (claimable()) {
                run(lock);  // the next block to write is being formatted: format a later one meanwhile
            } else {
                changed.wait(lock);
            }
        }
    } catch (...) {
        stop_helpers();
        throw;
    }
    stop_helpers();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace convgraph
