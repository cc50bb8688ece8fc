// convgraph check: the diagnostics of a corpus only; writes nothing.
#include "commands.hpp"
#include "lint.hpp"

#include "convgraph/error.hpp"

#include <memory>
#include <string>

namespace convgraph::cli {

Runner setup_check(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<LintArgs>();
    add_lint_options(app, *args);
    // `check` writes no graph: build's -o here is a mistake to name, not a corpus to look for.
    auto output = std::make_shared<std::string>();
    app.add_option("-o,--output", *output, "")->group("");
    app.footer("Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage,\n"
               "configuration or I/O failure. Nothing is written except --report FILE.");
    return [args, output, &global] {
        if (!output->empty())
            throw Error("check writes no graph file; 'convgraph build CORPUS -o " + *output +
                        "' builds one (and reports the same diagnostics)");
        check_report_options(*args, false);
        return lint_report(lint_build(*args), *args, global, "");
    };
}

}  // namespace convgraph::cli
