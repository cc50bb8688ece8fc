// convgraph completion: prints a bash, zsh or fish completion script generated from the
// command table, so subcommands and options never drift; concept names come from a hidden
// `convgraph query names` at completion time.
#include "commands.hpp"

#include "convgraph/export.hpp"

#include "convgraph/model.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace convgraph::cli {

namespace {

// What an option's value completes to.
enum class ValueKind { none, file, directory, names, words, other };

struct OptionInfo {
    std::vector<std::string> spellings;  // "-g", "--graph"
    std::string long_name;
    std::string help;
    ValueKind value = ValueKind::none;
    std::string words;  // space-separated, for ValueKind::words
};

// One command path ("", "query", "query show") with what may follow it.
struct CommandInfo {
    std::string path;
    std::vector<std::pair<std::string, std::string>> subcommands;  // name, help
    std::vector<OptionInfo> options;
    ValueKind positional = ValueKind::none;
    std::string positional_words;
};

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : sep) + i;
    return s;
}

std::string roles_words() {
    std::vector<std::string> w;
    for (Role r : k_all_roles) w.emplace_back(to_string(r));
    return join(w, " ");
}

std::string relation_words() {
    std::vector<std::string> w;
    for (Relation r : k_all_relations) w.emplace_back(to_string(r));
    return join(w, " ");
}

std::string export_format_words() {
    std::vector<std::string> w;
    for (const auto& f : export_formats()) w.emplace_back(f.name);
    return join(w, " ");
}

// The completion of an option's value, by its long name and, where two commands share a name
// with different values (`--format`), the command path (a table, not an if-chain per command).
void classify(OptionInfo& o, const std::string& path) {
    struct Rule {
        const char* path;  // "" for every command
        const char* name;
        ValueKind kind;
        std::string words;
    };
    const Rule rules[] = {
        {"", "graph", ValueKind::file, ""},        {"", "output", ValueKind::file, ""},
        {"", "doc", ValueKind::file, ""},          {"", "config", ValueKind::file, ""},
        {"", "corpus", ValueKind::directory, ""},  {"", "root", ValueKind::directory, ""},
        {"", "from", ValueKind::names, ""},        {"", "to", ValueKind::names, ""},
        {"", "around", ValueKind::names, ""},
        {"export", "format", ValueKind::words, export_format_words()},
        {"", "format", ValueKind::words, "table tsv csv json jsonl"},
        {"", "kind", ValueKind::words, roles_words()},
        {"", "role", ValueKind::words, roles_words()},
        {"", "relation", ValueKind::words, relation_words()},
        {"", "sort", ValueKind::words, "name degree kind"},
        {"", "by", ValueKind::words, "drivers degree betweenness"},
        {"", "color", ValueKind::words, "auto always never"},
    };
    for (const auto& r : rules)
        if (o.long_name == r.name && (*r.path == '\0' || path == r.path)) {
            o.value = r.kind;
            o.words = r.words;
            return;
        }
    o.value = ValueKind::other;
}

void collect(const CLI::App* app, const std::string& path, std::vector<CommandInfo>& out) {
    CommandInfo info;
    info.path = path;
    for (const CLI::Option* opt : app->get_options()) {
        if (!opt->nonpositional()) {
            // Positionals of commands that take concept names; directories for corpora; files else.
            bool names = path == "query show" || path == "query where" || path == "query upstream" ||
                         path == "query downstream" || path == "query path";
            info.positional = names ? ValueKind::names : path == "completion" ? ValueKind::words
                            : path.rfind("query", 0) == 0 ? ValueKind::other
                                                           : ValueKind::file;
            if (path == "completion") info.positional_words = "bash zsh fish";
            continue;
        }
        OptionInfo o;
        for (const auto& s : opt->get_snames()) o.spellings.push_back("-" + s);
        for (const auto& l : opt->get_lnames()) o.spellings.push_back("--" + l), o.long_name = o.long_name.empty() ? l : o.long_name;
        if (o.spellings.empty()) continue;
        o.help = opt->get_description().substr(0, opt->get_description().find('\n'));  // shells show one line
        if (opt->get_expected_max() > 0 && opt->get_expected_min() > 0) classify(o, path);  // flags take no value
        info.options.push_back(std::move(o));
    }
    auto subs = app->get_subcommands([](const CLI::App*) { return true; });
    for (const CLI::App* sub : subs)
        if (!sub->get_group().empty()) info.subcommands.emplace_back(sub->get_name(), sub->get_description());
    out.push_back(info);
    for (const CLI::App* sub : subs) collect(sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

std::vector<std::string> value_spellings(const std::vector<CommandInfo>& cmds, ValueKind kind, bool any_value) {
    std::vector<std::string> out;
    for (const auto& c : cmds)
        for (const auto& o : c.options)
            if (any_value ? o.value != ValueKind::none : o.value == kind)
                for (const auto& s : o.spellings)
                    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    return out;
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The part bash and zsh share: finding the command path and the option before the cursor.
std::string posix_path_scan(const std::vector<CommandInfo>& cmds, const char* first_index, const char* last) {
    std::string known;
    for (const auto& c : cmds)
        if (!c.path.empty()) known += (known.empty() ? "" : "|") + shell_quote(c.path);
    return std::string("    local cmdpath=\"\" w cand skip=0 i\n") + "    for ((i = " + first_index + "; i < " + last +
           "; i++)); do\n"
           "        w=\"${words_[i]}\"\n"
           "        if ((skip)); then skip=0; continue; fi\n"
           "        case \"$w\" in\n"
           "            " + join(value_spellings(cmds, ValueKind::none, true), "|") + ") skip=1 ;;\n"
           "            -*) ;;\n"
           "            *) cand=\"${cmdpath:+$cmdpath }$w\"\n"
           "               case \"$cand\" in " + known + ") cmdpath=\"$cand\" ;; esac ;;\n"
           "        esac\n"
           "    done\n";
}

// A `case "$prev"` over value-taking options and a `case "$cmdpath"` for the word itself;
// `add_words`, `add_files`, `add_dirs`, `add_names` are the shell's ways of offering them.
std::string posix_body(const std::vector<CommandInfo>& cmds, const std::string& add_words, const std::string& add_files,
                       const std::string& add_dirs, const std::string& add_names) {
    std::string s = "    case \"$prev\" in\n";
    auto spell = [&](ValueKind k) { return join(value_spellings(cmds, k, false), "|"); };
    if (!spell(ValueKind::file).empty()) s += "        " + spell(ValueKind::file) + ") " + add_files + "; return ;;\n";
    if (!spell(ValueKind::directory).empty()) s += "        " + spell(ValueKind::directory) + ") " + add_dirs + "; return ;;\n";
    if (!spell(ValueKind::names).empty()) s += "        " + spell(ValueKind::names) + ") " + add_names + "; return ;;\n";
    // Options with word values, by long name; where commands give one option different words
    // (`export --format` against `query … --format`), a nested case on the command path.
    std::vector<std::string> done;
    for (const auto& c : cmds)
        for (const auto& o : c.options) {
            if (o.value != ValueKind::words || std::find(done.begin(), done.end(), o.long_name) != done.end()) continue;
            done.push_back(o.long_name);
            std::vector<std::pair<std::string, std::string>> special;  // path, words
            for (const auto& other : cmds)
                for (const auto& p : other.options)
                    if (p.long_name == o.long_name && p.value == ValueKind::words && p.words != o.words)
                        special.emplace_back(other.path, p.words);
            if (special.empty()) {
                s += "        " + join(o.spellings, "|") + ") " + add_words + " " + o.words + "; return ;;\n";
                continue;
            }
            s += "        " + join(o.spellings, "|") + ")\n            case \"$cmdpath\" in\n";
            for (const auto& [path, words] : special)
                s += "                " + shell_quote(path) + ") " + add_words + " " + words + " ;;\n";
            s += "                *) " + add_words + " " + o.words + " ;;\n            esac\n            return ;;\n";
        }
    if (!spell(ValueKind::other).empty()) s += "        " + spell(ValueKind::other) + ") return ;;\n";
    s += "    esac\n    if [[ \"$cur\" == -* ]]; then\n        case \"$cmdpath\" in\n";
    for (const auto& c : cmds) {
        std::vector<std::string> opts;
        for (const auto& o : c.options) opts.insert(opts.end(), o.spellings.begin(), o.spellings.end());
        s += "            " + shell_quote(c.path) + ") " + add_words + " " + join(opts, " ") + " ;;\n";
    }
    s += "        esac\n        return\n    fi\n    case \"$cmdpath\" in\n";
    for (const auto& c : cmds) {
        std::string action;
        if (!c.subcommands.empty()) {
            std::vector<std::string> names;
            for (const auto& [n, h] : c.subcommands) names.push_back(n);
            action = add_words + " " + join(names, " ");
        } else if (c.positional == ValueKind::names) {
            action = add_names;
        } else if (c.positional == ValueKind::words) {
            action = add_words + " " + c.positional_words;
        } else if (c.positional == ValueKind::file) {
            action = add_files;
        } else {
            continue;
        }
        s += "        " + shell_quote(c.path) + ") " + action + " ;;\n";
    }
    return s + "    esac\n";
}

std::string bash_script(const std::vector<CommandInfo>& cmds) {
    return "# bash completion for convgraph (generated by `convgraph completion bash`)\n"
           "# Use: source <(convgraph completion bash), or save it in ~/.local/share/bash-completion/completions/convgraph\n"
           "_convgraph_names() {\n"
           "    local args=() i\n"
           "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
           "        case \"${COMP_WORDS[i]}\" in\n"
           "            -g|--graph|-c|--corpus) args+=(\"${COMP_WORDS[i]}\" \"${COMP_WORDS[i+1]}\") ;;\n"
           "        esac\n"
           "    done\n"
           "    local n\n"
           "    while IFS= read -r n; do\n"
           "        [[ \"$n\" == \"$cur\"* ]] && COMPREPLY+=(\"$(printf '%q' \"$n\")\")\n"
           "    done < <(\"${COMP_WORDS[0]}\" query names \"${args[@]}\" 2>/dev/null)\n"
           "}\n"
           "_convgraph_words() { COMPREPLY=($(compgen -W \"$*\" -- \"$cur\")); }\n"
           "_convgraph() {\n"
           "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
           "    local -a words_=(\"${COMP_WORDS[@]}\")\n"
           "    COMPREPLY=()\n" +
           posix_path_scan(cmds, "1", "COMP_CWORD") +
           posix_body(cmds, "_convgraph_words", "COMPREPLY=($(compgen -f -- \"$cur\"))",
                      "COMPREPLY=($(compgen -d -- \"$cur\"))", "_convgraph_names") +
           "}\n"
           "complete -o filenames -F _convgraph convgraph\n";
}

std::string zsh_script(const std::vector<CommandInfo>& cmds) {
    return "#compdef convgraph\n"
           "# zsh completion for convgraph (generated by `convgraph completion zsh`)\n"
           "# Use: source <(convgraph completion zsh), or save it as _convgraph in a directory on $fpath\n"
           "_convgraph_names() {\n"
           "    local -a args names; local i\n"
           "    for ((i = 2; i < CURRENT; i++)); do\n"
           "        case \"${words[i]}\" in\n"
           "            -g|--graph|-c|--corpus) args+=(\"${words[i]}\" \"${(Q)words[i+1]}\") ;;\n"
           "        esac\n"
           "    done\n"
           "    names=(${(f)\"$(${words[1]} query names \"${args[@]}\" 2>/dev/null)\"})\n"
           "    compadd -a names\n"
           "}\n"
           "_convgraph() {\n"
           "    local cur=\"${words[CURRENT]}\" prev=\"${words[CURRENT-1]}\"\n"
           "    local -a words_; words_=(\"${words[@]}\")\n" +
           posix_path_scan(cmds, "2", "CURRENT") + posix_body(cmds, "compadd --", "_files", "_files -/", "_convgraph_names") +
           "}\n"
           "if [ \"$funcstack[1]\" = \"_convgraph\" ]; then\n"
           "    _convgraph \"$@\"\n"
           "else\n"
           "    compdef _convgraph convgraph\n"
           "fi\n";
}

std::string fish_script(const std::vector<CommandInfo>& cmds) {
    std::string known, s;
    for (const auto& c : cmds)
        if (!c.path.empty()) known += " " + shell_quote(c.path);
    s = "# fish completion for convgraph (generated by `convgraph completion fish`)\n"
        "# Use: convgraph completion fish | source, or save it in ~/.config/fish/completions/convgraph.fish\n"
        "function __convgraph_path\n"
        "    set -l tokens (commandline -opc)\n"
        "    set -l cmdpath\n"
        "    set -l skip 0\n"
        "    for w in $tokens[2..-1]\n"
        "        if test $skip = 1\n"
        "            set skip 0\n"
        "            continue\n"
        "        end\n"
        "        switch $w\n"
        "            case " + join(value_spellings(cmds, ValueKind::none, true), " ") + "\n"
        "                set skip 1\n"
        "            case '-*'\n"
        "            case '*'\n"
        "                set -l cand (string join ' ' $cmdpath $w)\n"
        "                if contains -- $cand" + known + "\n"
        "                    set -a cmdpath $w\n"
        "                end\n"
        "        end\n"
        "    end\n"
        "    string join ' ' $cmdpath\n"
        "end\n"
        "function __convgraph_at\n"
        "    set -l p (__convgraph_path)\n"
        "    test \"$p\" = \"$argv[1]\"\n"
        "end\n"
        "function __convgraph_names\n"
        "    set -l tokens (commandline -opc)\n"
        "    set -l args\n"
        "    for i in (seq 2 (count $tokens))\n"
        "        switch $tokens[$i]\n"
        "            case -g --graph -c --corpus\n"
        "                set -a args $tokens[$i] $tokens[(math $i + 1)]\n"
        "        end\n"
        "    end\n"
        "    $tokens[1] query names $args 2>/dev/null\n"
        "end\n"
        "complete -c convgraph -f\n";
    for (const auto& c : cmds) {
        std::string cond = " -n " + shell_quote("__convgraph_at " + shell_quote(c.path));
        for (const auto& [name, help] : c.subcommands)
            s += "complete -c convgraph" + cond + " -a " + name + " -d " + shell_quote(help) + "\n";
        if (c.positional == ValueKind::names) s += "complete -c convgraph" + cond + " -a '(__convgraph_names)'\n";
        if (c.positional == ValueKind::words) s += "complete -c convgraph" + cond + " -a " + shell_quote(c.positional_words) + "\n";
        if (c.positional == ValueKind::file) s += "complete -c convgraph" + cond + " -F\n";
        for (const auto& o : c.options) {
            std::string line = "complete -c convgraph" + cond;
            for (const auto& sp : o.spellings) line += sp.size() == 2 ? " -s " + sp.substr(1) : " -l " + sp.substr(2);
            switch (o.value) {
            case ValueKind::none: break;
            case ValueKind::file: line += " -r -F"; break;
            case ValueKind::directory: line += " -x -a '(__fish_complete_directories)'"; break;
            case ValueKind::names: line += " -x -a '(__convgraph_names)'"; break;
            case ValueKind::words: line += " -x -a " + shell_quote(o.words); break;
            case ValueKind::other: line += " -x"; break;
            }
            s += line + " -d " + shell_quote(o.help) + "\n";
        }
    }
    return s;
}

}  // namespace

Runner setup_completion(CLI::App& app, const GlobalOptions&) {
    auto shell = std::make_shared<std::string>();
    app.add_option("shell", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
    app.footer("Examples:\n  source <(convgraph completion bash)\n  convgraph completion fish | source");
    CLI::App* self = &app;
    return [shell, self]() -> int {
        const CLI::App* root = self->get_parent();
        std::vector<CommandInfo> cmds;
        collect(root, "", cmds);
        if (*shell == "bash") std::cout << bash_script(cmds);
        else if (*shell == "zsh") std::cout << zsh_script(cmds);
        else std::cout << fish_script(cmds);
        return k_exit_ok;
    };
}

}  // namespace convgraph::cli
