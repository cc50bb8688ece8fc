// Stage timer (private): how long each stage of a build took, for `convgraph -v build`, and the
// wall clock a build record keeps.
#pragma once

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>

namespace convgraph {

// Logs "<what> <stage>: <seconds> s" at debug level for each lap: where the time goes.
class StageTimer {
public:
    explicit StageTimer(const char* what) : m_what(what) {}
    void lap(const char* stage) {
        auto now = std::chrono::steady_clock::now();
        spdlog::debug("{} {}: {:.3f} s", m_what, stage, std::chrono::duration<double>(now - m_start).count());
        m_start = now;
    }

private:
    const char* m_what;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

// Nanoseconds since the epoch, as file modification times count them.
inline std::int64_t wall_clock_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace convgraph
