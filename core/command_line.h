// Command-line plumbing shared by the bellwether executables (Boost.Program_options): the options a
// user sees plus trailing positional arguments (inputs, query words).
#pragma once

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace bw {

// Parses argv against `visible` plus positional arguments collected into `positional` (named
// `positional_name` internally). For --help prints `visible` and returns nullopt; otherwise returns
// the notified variables. Throws boost::program_options::error for a bad command line.
inline std::optional<boost::program_options::variables_map> parse_command_line(
    int argc, char** argv, const boost::program_options::options_description& visible, const char* positional_name,
    std::vector<std::string>& positional) {
    namespace po = boost::program_options;
    po::options_description hidden;
    hidden.add_options()(positional_name, po::value(&positional)->composing(), positional_name);
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positions;
    positions.add(positional_name, -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positions).run(), vm);
    if (vm.count("help")) {
        std::cout << visible << "\n";
        return std::nullopt;
    }
    po::notify(vm);
    return vm;
}

}  // namespace bw
