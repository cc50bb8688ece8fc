// Error: the one exception type for failures that stop a run (I/O, usage, bad graph file).
#pragma once

#include <stdexcept>
#include <string>

namespace convgraph {

// Thrown by the library when it cannot go on; caught once in main, which prints
// "convgraph: error: <what>" and exits with status 2. Problems inside notes are Diagnostics instead.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace convgraph
