#include "research/evaluation.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/errors.h"

namespace bw {
namespace {

[[noreturn]] void malformed(const std::string& origin, std::size_t line, const std::string& what) {
    throw UsageError(origin + ":" + std::to_string(line) + ": error: " + what);
}

// Calls `parse(fields, number)` for each non-blank line of `in`.
template <class Parse>
void for_each_line(std::istream& in, Parse&& parse) {
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::istringstream fields(line);
        parse(fields, number);
    }
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& origin) {
    Qrels qrels;
    for_each_line(in, [&](std::istringstream& fields, std::size_t number) {
        std::string qid, iter, doc;
        int grade = 0;
        if (!(fields >> qid >> iter >> doc >> grade)) malformed(origin, number, "expected 'qid iter docid grade'");
        qrels[qid][doc] = grade;
    });
    return qrels;
}

Run read_run(std::istream& in, const std::string& origin) {
    Run run;
    for_each_line(in, [&](std::istringstream& fields, std::size_t number) {
        std::string qid, q0, tag;
        RunEntry entry;
        if (!(fields >> qid >> q0 >> entry.doc >> entry.rank >> entry.score >> tag)) {
            malformed(origin, number, "expected 'qid Q0 docid rank score tag'");
        }
        run[qid].push_back(entry);
    });
    for (auto& [qid, entries] : run) {
        std::stable_sort(entries.begin(), entries.end(), [](const RunEntry& a, const RunEntry& b) {
            if (a.score != b.score) return a.score > b.score;
            if (a.rank != b.rank) return a.rank < b.rank;
            return a.doc > b.doc;  // trec_eval breaks score ties by doc id, descending
        });
    }
    return run;
}

double ndcg_at(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged, std::size_t k) {
    auto gain = [](int grade) { return grade > 0 ? std::pow(2.0, grade) - 1.0 : 0.0; };
    double dcg = 0;
    for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i) {
        auto it = judged.find(ranked[i]);
        if (it != judged.end()) dcg += gain(it->second) / std::log2(static_cast<double>(i) + 2.0);
    }
    std::vector<int> grades;
    for (const auto& [doc, grade] : judged) grades.push_back(grade);
    std::sort(grades.rbegin(), grades.rend());
    double ideal = 0;
    for (std::size_t i = 0; i < std::min(k, grades.size()); ++i) ideal += gain(grades[i]) / std::log2(static_cast<double>(i) + 2.0);
    return ideal > 0 ? dcg / ideal : 0.0;
}

double recall_at(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged, std::size_t k) {
    std::size_t relevant = 0, found = 0;
    for (const auto& [doc, grade] : judged) relevant += grade > 0;
    if (relevant == 0) return 0.0;
    for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i) {
        auto it = judged.find(ranked[i]);
        if (it != judged.end() && it->second > 0) ++found;
    }
    return static_cast<double>(found) / static_cast<double>(relevant);
}

double reciprocal_rank_at(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged,
                          std::size_t k) {
    for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i) {
        auto it = judged.find(ranked[i]);
        if (it != judged.end() && it->second > 0) return 1.0 / static_cast<double>(i + 1);
    }
    return 0.0;
}

EvalSummary evaluate(const Qrels& qrels, const Run& run) {
    EvalSummary summary;
    for (const auto& [qid, judged] : qrels) {
        if (std::none_of(judged.begin(), judged.end(), [](const auto& j) { return j.second > 0; })) continue;
        ++summary.queries;
        std::vector<std::string> ranked;
        if (auto it = run.find(qid); it != run.end()) {
            for (const auto& entry : it->second) ranked.push_back(entry.doc);
        }
        summary.ndcg10 += ndcg_at(ranked, judged, 10);
        summary.recall100 += recall_at(ranked, judged, 100);
        summary.mrr10 += reciprocal_rank_at(ranked, judged, 10);
    }
    if (summary.queries) {
        const double n = static_cast<double>(summary.queries);
        summary.ndcg10 /= n;
        summary.recall100 /= n;
        summary.mrr10 /= n;
    }
    return summary;
}

}  // namespace bw
