// convgraph check: the diagnostics of a corpus only; writes nothing.
#include "commands.hpp"
#include "lint.hpp"

#include <memory>

namespace convgraph::cli {

Runner setup_check(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<LintArgs>();
    add_lint_options(app, *args);
    app.footer("Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage,\n"
               "configuration or I/O failure. Nothing is written except --report FILE.");
    return [args, &global] {
        check_report_options(*args, false);
        return lint_report(lint_build(*args), *args, global, "", false);
    };
}

}  // namespace convgraph::cli
