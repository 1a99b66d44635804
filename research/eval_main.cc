// bellwether-eval: scores TREC run files against qrels (nDCG@10, Recall@100, MRR@10).
#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "research/evaluation.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
    std::string qrels_path, format = "text";
    std::vector<std::string> runs;
    po::options_description options("Usage: bellwether-eval --qrels FILE RUN...\nOptions");
    options.add_options()
        ("help,h", "show this help")
        ("qrels", po::value(&qrels_path), "judgments: 'qid iter docid grade' lines")
        ("format", po::value(&format)->default_value("text"), "text|json")
        ("run", po::value(&runs)->composing(), "TREC run files ('qid Q0 docid rank score tag')");
    po::positional_options_description positional;
    positional.add("run", -1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << options << "\n";
            return 0;
        }
        if (qrels_path.empty() || runs.empty()) throw bw::UsageError("--qrels FILE and at least one run file are needed");
        if (format != "text" && format != "json") throw bw::UsageError("--format must be text or json");
        std::ifstream qrels_in(qrels_path);
        if (!qrels_in) throw bw::UsageError(qrels_path + ": cannot read");
        const bw::Qrels qrels = bw::read_qrels(qrels_in, qrels_path);
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        int width = 8;
        for (const auto& path : runs) width = std::max(width, static_cast<int>(path.size()) + 2);
        if (format == "text") std::cout << std::left << std::setw(width) << "run" << "queries  nDCG@10  R@100   MRR@10\n";
        for (const auto& path : runs) {
            std::ifstream in(path);
            if (!in) throw bw::UsageError(path + ": cannot read");
            bw::EvalSummary s = bw::evaluate(qrels, bw::read_run(in, path));
            if (format == "json") {
                out.push_back({{"run", path}, {"queries", s.queries}, {"ndcg@10", s.ndcg10}, {"recall@100", s.recall100},
                               {"mrr@10", s.mrr10}});
            } else {
                std::cout << std::left << std::setw(width) << path << std::right << std::setw(7) << s.queries << std::fixed
                          << std::setprecision(4) << "  " << s.ndcg10 << "   " << s.recall100 << "  " << s.mrr10 << "\n";
            }
        }
        if (format == "json") std::cout << out.dump(2) << "\n";
        return 0;
    } catch (const po::error& e) {
        std::cerr << "bellwether-eval: " << e.what() << "\n";
        return 2;
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-eval: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "bellwether-eval: fatal: " << e.what() << "\n";
        return 3;
    }
}
