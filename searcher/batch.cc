#include "searcher/batch.h"

#include <fstream>
#include <iomanip>
#include <sstream>

#include "core/errors.h"

namespace bw {

std::size_t run_query_file(Searcher& searcher, const SearchRequest& base, const std::string& path, BatchFormat format,
                           const std::string& run_tag, std::ostream& out, std::ostream& err) {
    std::ifstream in(path);
    if (!in) throw UsageError(path + ": cannot read the queries file");
    std::string line;
    std::size_t line_number = 0, failed = 0;
    bool first_json = true;
    if (format == BatchFormat::Json) out << "[\n";
    if (format == BatchFormat::Csv) {  // the columns of print_csv for the fields asked for, after qid
        SearchResponse no_results;
        no_results.fields = base.fields;
        std::ostringstream header;
        print_csv(no_results, header);
        out << "qid," << header.str();
    }
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::string qid = std::to_string(line_number), text = line;
        if (auto tab = line.find('\t'); tab != std::string::npos) {
            qid = line.substr(0, tab);
            text = line.substr(tab + 1);
        }
        SearchRequest request = base;
        request.query = text;
        if (format == BatchFormat::Trec) {  // a run file has ids, ranks and scores: no record is read
            request.snippet_length = 0;
            request.fields = ResultFields::parse({"id"});
        }
        SearchResponse response;
        try {
            response = searcher.search(request);
        } catch (const Error& e) {
            err << path << ":" << line_number << ": error: " << e.what() << "\n";
            ++failed;
            continue;
        }
        switch (format) {
            case BatchFormat::Trec:
                for (const auto& item : response.results) {
                    out << qid << " Q0 " << item.id << " " << item.rank << " " << std::setprecision(6) << item.score << " "
                        << run_tag << "\n";
                }
                break;
            case BatchFormat::Jsonl:
            case BatchFormat::Json: {
                nlohmann::ordered_json object = {{"qid", qid}};
                const nlohmann::ordered_json body = response_to_json(response);
                for (const auto& [key, value] : body.items()) object[key] = value;
                if (format == BatchFormat::Json && !first_json) out << ",\n";
                out << object.dump(format == BatchFormat::Json ? 2 : -1, ' ', false,
                                   nlohmann::json::error_handler_t::replace);
                if (format == BatchFormat::Jsonl) out << "\n";
                first_json = false;
                break;
            }
            case BatchFormat::Csv: {
                std::ostringstream rows;
                print_csv(response, rows);
                std::string body = rows.str();
                body = body.substr(body.find("\r\n") + 2);  // drop the per-query header
                std::istringstream lines(body);
                std::string row;
                while (std::getline(lines, row)) {
                    if (!row.empty() && row.back() == '\r') row.pop_back();
                    if (!row.empty()) out << csv_field(qid) << "," << row << "\r\n";
                }
                break;
            }
            case BatchFormat::Text:
                out << "== " << qid << ": " << text << "\n";
                print_text(response, out, false);
                out << "\n";
                break;
        }
    }
    if (format == BatchFormat::Json) out << "\n]\n";
    return failed;
}

}  // namespace bw
