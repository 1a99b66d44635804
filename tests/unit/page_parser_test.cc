// Unit tests for the raw page parsers (indexer/page_parser.h): the two seed pages in ../shared/seeds
// (read in place, never copied; skipped when ../shared is absent) and the small fixtures in
// tests/fixtures/pages/ (no keyword line, no tags, CRLF, BOM, several sources, str 10, boilerplate
// only, empty), plus robustness checks on truncated and random input.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/errors.h"
#include "indexer/page_parser.h"

namespace {

namespace fs = std::filesystem;
using bw::PageKind;
using nlohmann::json;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string fixture(const std::string& name) {
    fs::path path = fs::path(BELLWETHER_TEST_DIR) / "fixtures" / "pages" / name;
    EXPECT_TRUE(fs::exists(path)) << "missing fixture " << path;
    return read_file(path);
}

// The seed page whose file name starts with `prefix`, or "" when ../shared/seeds is not there.
std::string seed(const std::string& prefix) {
    fs::path dir = fs::path(BELLWETHER_SHARED_DIR) / "seeds";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return "";
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().filename().string().rfind(prefix, 0) == 0) return read_file(entry.path());
    return "";
}

#define LOAD_SEED_OR_SKIP(var, prefix)                                                                      \
    std::string var = seed(prefix);                                                                         \
    if (var.empty())                                                                                        \
        GTEST_SKIP() << "seed page " prefix "*.txt not found in " BELLWETHER_SHARED_DIR "/seeds (the shared " \
                        "data folder is only present in CI and the development checkout)";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Fails for each needle found (case-insensitively) anywhere in the serialised record.
void expect_absent(const json& record, const std::vector<std::string>& needles) {
    std::string text = lower(record.dump());
    for (const auto& needle : needles)
        EXPECT_EQ(text.find(lower(needle)), std::string::npos) << "'" << needle << "' leaked into " << record.dump(2);
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
        out.push_back(s.substr(start, at - start));
    out.push_back(s.substr(start));
    return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

std::string to_crlf_with_bom(const std::string& text) {
    std::string out = "\xEF\xBB\xBF";
    for (char c : text) {
        if (c == '\n') out += "  \t\r\n";  // trailing white space too
        else out += c;
    }
    return out;
}

const bw::EntityRegistry& registry() { return bw::EntityRegistry::builtin(); }

// --- the seed article ------------------------------------------------------------------------------

TEST(PageParserSeedArticle, ExtractsEveryField) {
    LOAD_SEED_OR_SKIP(page, "000_");
    json r = bw::parse_article_page(page);
    EXPECT_EQ(r["type"], "article");
    EXPECT_EQ(r["tickers"], json({"MU", "NVDA", "TSM"}));
    EXPECT_EQ(r["keywords"], "micron memory downcycle bear case ai supply chain");
    EXPECT_EQ(r["title"], "Bear case on Micron");
    EXPECT_EQ(r["subtitle"], "The current memory upcycle could shift to a downcycle");
    EXPECT_EQ(r["source"], "Ainvest");
    std::vector<std::string> keys;
    for (const auto& item : r.items()) keys.push_back(item.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"body", "keywords", "source", "subtitle", "tickers", "title", "type"}));

    std::string body = r["body"];
    auto paragraphs = split(body, "\n");
    ASSERT_EQ(paragraphs.size(), 9u) << body;
    EXPECT_EQ(paragraphs.front().rfind("I've been watching the AI supply chain for months", 0), 0u);
    EXPECT_EQ(paragraphs.back(),
              "The hardware cycle is peaking now due to artificial, venture-subsidized demand. The problem is on the "
              "demand side, not supply. When funding ends and inference becomes commoditized, the hardware unwind "
              "will be tough. Also check out the tweet where I developed this idea:");
    EXPECT_NE(body.find("useful\xE2\x80\x94it's"), std::string::npos) << "UTF-8 punctuation kept as is";
    EXPECT_NE(body.find("(P \xC3\x97 Q)"), std::string::npos);
    for (const auto& p : paragraphs) EXPECT_EQ(count(body, p), 1u) << "paragraph repeated: " << p;
    EXPECT_EQ(body.find("The current memory upcycle"), std::string::npos) << "subtitle copy left in the body";
}

TEST(PageParserSeedArticle, DropsDisclaimerCommentsAndCredits) {
    LOAD_SEED_OR_SKIP(page, "000_");
    json r = bw::parse_article_page(page);
    expect_absent(r, {"Disclaimer", "Report an Issue", "No comments yet", "Comments", "Credit to",
                      "not responsible", "informational purposes", "do your own research", "diversification"});
}

TEST(PageParserSeedArticle, CrlfBomAndTrailingSpaceParseTheSame) {
    LOAD_SEED_OR_SKIP(page, "000_");
    EXPECT_EQ(bw::parse_article_page(to_crlf_with_bom(page)), bw::parse_article_page(page));
    EXPECT_EQ(bw::detect_page_kind(to_crlf_with_bom(page)), PageKind::Article);
}

// --- the seed signal -------------------------------------------------------------------------------

TEST(PageParserSeedSignal, ExtractsEveryField) {
    LOAD_SEED_OR_SKIP(page, "003_");
    json r = bw::parse_signal_page(page, registry());
    EXPECT_EQ(r["type"], "signal");
    EXPECT_EQ(r["publisher"], "The Bellwether");
    EXPECT_EQ(r["title"],
              "AI infrastructure efficiency breakthroughs collapsing speculative hardware shortage premiums as model "
              "compression reduces per-query memory requirements");
    EXPECT_EQ(r["strength"], 8);
    EXPECT_TRUE(r["strength"].is_number_integer());
    EXPECT_EQ(r["date"], "3/27/2026");
    EXPECT_EQ(r["article_count"], 1);
    EXPECT_EQ(r["categories"], json({"economic", "technological", "AI", "US"}));
    EXPECT_EQ(r["actors"], json({"Micron", "Google", "Morgan Stanley"}));
    std::string analysis = r["analysis"];
    EXPECT_EQ(analysis.rfind("Market repricing of memory chip valuations", 0), 0u);
    EXPECT_NE(analysis.find("undermining the scarcity-driven valuation thesis."), std::string::npos);
    EXPECT_EQ(analysis.find('\n'), std::string::npos) << "one paragraph";

    ASSERT_EQ(r["sources"].size(), 1u);
    const json& source = r["sources"][0];
    EXPECT_EQ(source["title"], "Memory chip stocks shed $100bn as AI-driven shortage trade unwinds");
    EXPECT_EQ(source["quotes"],
              json::parse(R"([
        {"text": "Google Research paper published this week has shaken investors' confidence that AI will continue to demand so much storage capacity",
         "label": "Google Research paper"},
        {"text": "If models can run with materially lower memory requirements without losing performance, the cost of serving each query drops meaningfully",
         "label": "materially lower memory requirements"}])"));
    std::string reasoning = r["reasoning"];
    auto paragraphs = split(reasoning, "\n\n");
    ASSERT_EQ(paragraphs.size(), 2u);
    EXPECT_EQ(paragraphs[0].rfind("The article shows that a specific algorithmic advance (TurboQuant)", 0), 0u);
    EXPECT_EQ(paragraphs[1].rfind("The article shows that memory chip valuations had been built", 0), 0u);
    EXPECT_EQ(source["reasoning"], reasoning);
}

TEST(PageParserSeedSignal, NeverStoresAccountTaglineNavigationOrFooter) {
    LOAD_SEED_OR_SKIP(page, "003_");
    json r = bw::parse_signal_page(page, registry());
    expect_absent(r, {"andrea", "passaglia", "Marco", "@", "morning brief", "composed for you", "all signals",
                      "\xE2\x86\x90", "Bellwether \xC2\xB7 2026"});
}

TEST(PageParserSeedSignal, ActorsSplitWithAnInlineRegistry) {
    LOAD_SEED_OR_SKIP(page, "003_");
    auto small = bw::EntityRegistry::from_tsv("Micron\tMU\tMicron Technology\nGoogle\tGOOGL|GOOG\tAlphabet\n"
                                              "Morgan Stanley\tMS\t\n");
    EXPECT_EQ(bw::parse_signal_page(page, small)["actors"], json({"Micron", "Google", "Morgan Stanley"}));
}

TEST(PageParserSeedSignal, CrlfBomAndTrailingSpaceParseTheSame) {
    LOAD_SEED_OR_SKIP(page, "003_");
    EXPECT_EQ(bw::parse_signal_page(to_crlf_with_bom(page), registry()), bw::parse_signal_page(page, registry()));
}

TEST(PageParserSeeds, DetectPageKind) {
    LOAD_SEED_OR_SKIP(article, "000_");
    LOAD_SEED_OR_SKIP(signal, "003_");
    EXPECT_EQ(bw::detect_page_kind(article), PageKind::Article);
    EXPECT_EQ(bw::detect_page_kind(signal), PageKind::Signal);
}

// --- article fixtures ------------------------------------------------------------------------------

TEST(PageParserArticle, NoKeywordLine) {
    json r = bw::parse_article_page(fixture("article_no_keywords.txt"));
    EXPECT_EQ(r["tickers"], json({"AMD", "INTC"}));
    EXPECT_FALSE(r.contains("keywords"));
    EXPECT_EQ(r["title"], "Chip rivals trade places in the server market");
    EXPECT_EQ(r["subtitle"], "Data-centre orders shifted again this quarter");
    EXPECT_EQ(r["source"], "Chipwire");
    EXPECT_EQ(r["body"],
              "Server buyers spent the quarter comparing price lists rather than benchmarks. Several cloud operators "
              "said they had moved part of their new capacity to cheaper parts.\n"
              "Analysts expect the gap to narrow next year as both vendors launch new product lines.");
}

TEST(PageParserArticle, NoTagsTitleIsFirstLine) {
    json r = bw::parse_article_page(fixture("article_no_tags.txt"));
    EXPECT_FALSE(r.contains("tickers"));
    EXPECT_FALSE(r.contains("keywords"));
    EXPECT_EQ(r["title"], "Storage makers brace for a slower spring");
    EXPECT_FALSE(r.contains("subtitle")) << "the first body paragraph has two sentences";
    EXPECT_EQ(split(r["body"], "\n").size(), 2u);
    EXPECT_EQ(r["source"], "Ainvest");
    EXPECT_EQ(bw::detect_page_kind(fixture("article_no_tags.txt")), PageKind::Article);
}

TEST(PageParserArticle, CrlfLineEndings) {
    std::string page = fixture("article_crlf.txt");
    ASSERT_NE(page.find("\r\n"), std::string::npos) << "fixture lost its CRLF line endings";
    json r = bw::parse_article_page(page);
    EXPECT_EQ(r["tickers"], json({"TSLA"}));
    EXPECT_EQ(r["keywords"], "electric vehicles delivery numbers");
    EXPECT_EQ(r["title"], "Deliveries beat a lowered bar");
    EXPECT_EQ(r["subtitle"], "Quarterly figures came in above the reduced forecasts");
    EXPECT_EQ(r["body"],
              "The carmaker delivered more vehicles than the revised consensus expected, helped by discounting in two "
              "regions.\nMargins remain the open question for the next report.");
    EXPECT_EQ(r.dump().find('\r'), std::string::npos);
}

TEST(PageParserArticle, ByteOrderMarkAndTrailingWhitespace) {
    std::string page = fixture("article_bom.txt");
    ASSERT_EQ(page.rfind("\xEF\xBB\xBF", 0), 0u) << "fixture lost its BOM";
    json r = bw::parse_article_page(page);
    EXPECT_EQ(r["tickers"], json({"ORCL", "MSFT"}));
    EXPECT_EQ(r["keywords"], "cloud contracts backlog software");
    EXPECT_EQ(r["title"], "Backlog keeps growing at the big software vendors");
    EXPECT_EQ(r["subtitle"], "Contract books swelled again");
    EXPECT_EQ(split(r["body"], "\n").size(), 2u);
    EXPECT_EQ(r["source"], "Ainvest");
    EXPECT_EQ(r.dump().find("\xEF\xBB\xBF"), std::string::npos);
    EXPECT_EQ(r.dump().find("\\t"), std::string::npos);
    EXPECT_EQ(bw::detect_page_kind(page), PageKind::Article);
}

TEST(PageParserArticle, BoilerplateOnlyPageIsARecordError) {
    EXPECT_THROW(bw::parse_article_page(fixture("article_boilerplate_only.txt")), bw::RecordError);
    EXPECT_THROW(bw::parse_article_page(fixture("empty.txt")), bw::RecordError);
    EXPECT_THROW(bw::parse_article_page(" \n\t\r\n"), bw::RecordError);
    EXPECT_THROW(bw::parse_article_page("MU--\nNVDA--\n"), bw::RecordError);
    try {
        bw::parse_article_page(fixture("article_boilerplate_only.txt"));
    } catch (const bw::RecordError& e) {
        EXPECT_NE(std::string(e.what()).find("boilerplate"), std::string::npos) << e.what();
    }
}

TEST(PageParserArticle, DisclaimerGluedToABodyParagraph) {
    json r = bw::parse_article_page(
        "Quiet session for banks\nLenders traded in a narrow range all day.\nVolumes were thin ahead of the holiday."
        "Disclaimer: Market data is delayed. Foo Data Inc. is not responsible for errors.Report an Issue\n");
    EXPECT_EQ(r["body"], "Lenders traded in a narrow range all day.\nVolumes were thin ahead of the holiday.");
    EXPECT_EQ(r["source"], "Foo Data Inc.");
    EXPECT_FALSE(r.contains("subtitle"));
}

TEST(PageParserArticle, RepeatedParagraphsAreDroppedWherever) {
    json r = bw::parse_article_page(
        "Title here\nFirst paragraph with some words.\nSecond paragraph with more words.\n"
        "Second  paragraph with more words.\nfirst paragraph with some words.\nThird one, new.\n");
    EXPECT_FALSE(r.contains("subtitle")) << "a line ending in a full stop is a body paragraph";
    EXPECT_EQ(r["body"], "First paragraph with some words.\nSecond paragraph with more words.\nThird one, new.");
}

TEST(PageParserArticle, DisclaimerWithoutANamedPublisher) {
    json r = bw::parse_article_page(
        "Title\nBody line with words.\nDisclaimer: We are not responsible for anything at all.\n");
    EXPECT_FALSE(r.contains("source"));
    EXPECT_EQ(r["body"], "Body line with words.");
}

// --- signal fixtures -------------------------------------------------------------------------------

TEST(PageParserSignal, TwoSourcesWithSeveralQuotes) {
    std::string page = fixture("signal_two_sources.txt");
    EXPECT_EQ(bw::detect_page_kind(page), PageKind::Signal);
    json r = bw::parse_signal_page(page, registry());
    EXPECT_EQ(r["publisher"], "The Bellwether");
    EXPECT_EQ(r["title"], "Hyperscaler capex guidance diverging as cloud margins tighten");
    EXPECT_EQ(r["strength"], 6);
    EXPECT_EQ(r["date"], "11/4/2025");
    EXPECT_EQ(r["article_count"], 2);
    EXPECT_EQ(r["categories"], json({"economic", "technological", "cloud"}));
    EXPECT_EQ(r["actors"], json({"Microsoft", "Amazon", "Broadcom"}));
    EXPECT_EQ(split(r["analysis"], "\n\n").size(), 2u);
    ASSERT_EQ(r["sources"].size(), 2u);
    const json& first = r["sources"][0];
    const json& second = r["sources"][1];
    EXPECT_EQ(first["title"], "Cloud giant lifts spending plan again");
    ASSERT_EQ(first["quotes"].size(), 3u);
    EXPECT_EQ(first["quotes"][1], json({{"text", "Capital expenditure will rise meaningfully next fiscal year"},
                                        {"label", "capex rise"}}));
    EXPECT_EQ(first["reasoning"],
              "The spending increase shows that at least one buyer still treats capacity as the binding constraint.");
    EXPECT_EQ(second["title"], "Retail and cloud group pauses two data-centre projects");
    ASSERT_EQ(second["quotes"].size(), 2u);
    EXPECT_EQ(second["quotes"][0]["text"], "We are pacing our investments to match customer commitments");
    EXPECT_EQ(split(second["reasoning"], "\n\n").size(), 2u);
    EXPECT_EQ(r["reasoning"], first["reasoning"].get<std::string>() + "\n\n" + second["reasoning"].get<std::string>());
    expect_absent(r, {"giulia", "rossi", "example.org", "morning brief", "all signals", "2025 G"});
}

TEST(PageParserSignal, StrengthTenAndThreeArticles) {
    std::string page = fixture("signal_str10_3articles.txt");
    EXPECT_EQ(bw::detect_page_kind(page), PageKind::Signal);
    json r = bw::parse_signal_page(page, registry());
    EXPECT_EQ(r["strength"], 10);
    EXPECT_EQ(r["article_count"], 3);
    EXPECT_EQ(r["date"], "1/15/2026");
    EXPECT_EQ(r["actors"], json({"Micron", "SK Hynix", "Samsung"}));
    ASSERT_EQ(r["sources"].size(), 3u);
    EXPECT_FALSE(r["sources"][1].contains("reasoning"));
    EXPECT_EQ(r["sources"][2]["quotes"][0]["label"], "longer agreements");
    EXPECT_EQ(r["reasoning"], "Pricing power has returned to the memory makers.\n\nBuyers expect tighter supply later in "
                              "the year.");
    expect_absent(r, {"giulia", "rossi", "morning brief", "all signals"});
}

TEST(PageParserSignal, HeaderWithoutNavigationOrAccountLine) {
    json r = bw::parse_signal_page(
        "The Bellwether\nA morning brief, composed for you.\nChip stocks wobble\nstr 3 2/1/2026\nAnalysis\nShort "
        "analysis text.\n",
        registry());
    EXPECT_EQ(r["publisher"], "The Bellwether");
    EXPECT_EQ(r["title"], "Chip stocks wobble");
    EXPECT_EQ(r["strength"], 3);
    EXPECT_FALSE(r.contains("article_count"));
    EXPECT_FALSE(r.contains("categories")) << "a heading is not a categories line";
    EXPECT_EQ(r["analysis"], "Short analysis text.");
}

TEST(PageParserSignal, QuoteVariants) {
    json r = bw::parse_signal_page(
        "Title line\nstr 1 1/2/2026 · 1 article\nAnalysis\nText.\nSource article\n\"Quoted\" headline words\n"
        "\"He said \"no\" twice\" [double]\n\xE2\x80\x9C" "Curly without label\xE2\x80\x9D\nnot a quote line\n"
        "\"unterminated [x]\n",
        registry());
    const json& source = r["sources"][0];
    EXPECT_EQ(source["title"], "\"Quoted\" headline words");
    ASSERT_EQ(source["quotes"].size(), 3u) << source.dump();
    EXPECT_EQ(source["quotes"][0], json({{"text", "He said \"no\" twice"}, {"label", "double"}}));
    EXPECT_EQ(source["quotes"][1], json({{"text", "Curly without label"}}));
    EXPECT_EQ(source["quotes"][2], json({{"text", "unterminated"}, {"label", "x"}}));
}

TEST(PageParserSignal, ChromeOnlyPageIsARecordError) {
    EXPECT_THROW(bw::parse_signal_page("Marco andrea@passaglia.it\nThe Bellwether\n\nA morning brief, composed for "
                                       "you.\n\n\xE2\x86\x90 all signals\n\nBellwether \xC2\xB7 2026 Marco",
                                       registry()),
                 bw::RecordError);
    EXPECT_THROW(bw::parse_signal_page("", registry()), bw::RecordError);
    EXPECT_THROW(bw::parse_signal_page("Marco andrea@passaglia.it\nThe Bellwether", registry()), bw::RecordError);
}

// --- detection -------------------------------------------------------------------------------------

TEST(PageParserDetect, NeitherKind) {
    EXPECT_EQ(bw::detect_page_kind(""), std::nullopt);
    EXPECT_EQ(bw::detect_page_kind(fixture("empty.txt")), std::nullopt);
    EXPECT_EQ(bw::detect_page_kind(" \r\n\t \n\xEF\xBB\xBF"), std::nullopt);
    EXPECT_EQ(bw::detect_page_kind("{\"title\": \"x\", \"body\": \"y y y y\"}\n{\"a\": 1}"), std::nullopt);
    EXPECT_EQ(bw::detect_page_kind("\xEF\xBB\xBF  [{\"title\": \"x\"}]"), std::nullopt);
    EXPECT_EQ(bw::detect_page_kind("just one line"), std::nullopt);
    EXPECT_EQ(bw::detect_page_kind(fixture("article_boilerplate_only.txt")), PageKind::Article)
        << "tags make it an article page (its parse then reports the missing content)";
}

TEST(PageParserDetect, ArticleAndSignalShapes) {
    EXPECT_EQ(bw::detect_page_kind("MU--\nBear case\n"), PageKind::Article);
    EXPECT_EQ(bw::detect_page_kind("A title\nA body paragraph with several words.\n"), PageKind::Article);
    EXPECT_EQ(bw::detect_page_kind("Headline\nstr 8 3/27/2026 \xC2\xB7 1 article\nKey actors\nMicron\n"),
              PageKind::Signal);
    EXPECT_EQ(bw::detect_page_kind("Headline\nstr 8 3/27/2026\nAnalysis\nText here.\n"), PageKind::Signal);
    EXPECT_EQ(bw::detect_page_kind("Headline words here\nstr 8 is a strength with 3/27/2026 words\nAnalysis\n"),
              PageKind::Article)
        << "not a metadata line";
    EXPECT_EQ(bw::detect_page_kind("Marco a@b.it\nThe Bellwether\n\nA morning brief, composed for you.\n\n"
                                   "\xE2\x86\x90 all signals\n\nTruncated headline"),
              PageKind::Signal)
        << "a truncated signal page is still a signal page";
    EXPECT_EQ(bw::detect_page_kind(fixture("article_no_keywords.txt")), PageKind::Article);
    EXPECT_EQ(bw::detect_page_kind(fixture("article_crlf.txt")), PageKind::Article);
}

// --- robustness ------------------------------------------------------------------------------------

// Parses `text` as whatever it is detected as (and as both kinds): never crashes, only RecordError
// escapes, and the result always serialises (valid UTF-8).
void parse_anything(const std::string& text) {
    auto kind = bw::detect_page_kind(text);
    (void)kind;
    try {
        json r = bw::parse_article_page(text);
        ASSERT_TRUE(r.is_object());
        ASSERT_NO_THROW((void)r.dump());
    } catch (const bw::RecordError&) {
    }
    try {
        json r = bw::parse_signal_page(text, registry());
        ASSERT_TRUE(r.is_object());
        ASSERT_NO_THROW((void)r.dump());
    } catch (const bw::RecordError&) {
    }
}

TEST(PageParserRobustness, EveryPrefixOfTheSeeds) {
    LOAD_SEED_OR_SKIP(article, "000_");
    LOAD_SEED_OR_SKIP(signal, "003_");
    for (const std::string& page : {article, signal})
        for (std::size_t n = 0; n <= page.size(); n += 7) parse_anything(page.substr(0, n));
    for (std::size_t n = 0; n <= signal.size(); ++n) parse_anything(signal.substr(n));
}

TEST(PageParserRobustness, RandomLineSoup) {
    const std::vector<std::string> pieces = {
        "MU--", "str 8 3/27/2026 \xC2\xB7 1 article", "str 99999999999999 1/1/1", "Analysis", "Key actors",
        "Source article", "Reasoning from this article", "\"", "\xE2\x80\x9C", "[", "]", "\"q\" [l]", "Disclaimer:",
        "Report an Issue", "Comments", "Credit to:", "\xE2\x86\x90 all signals", "Marco andrea@passaglia.it",
        "Bellwether \xC2\xB7 2026 Marco", "\xC2\xB7", "\xFF\xFE", "\xE2\x82", "\xC0\xAF", "\x01\x02", "MicronGoogle",
        "word", " ", "\t", "\r", "\n", "\r\n", "\n\n", "\xEF\xBB\xBF", "Is not responsible", "@", "--"};
    std::mt19937 rng(12345);
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        int n = static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) {
            text += pieces[rng() % pieces.size()];
            if (rng() % 3 == 0) text += '\n';
        }
        parse_anything(text);
    }
    for (int round = 0; round < 500; ++round) {  // raw bytes
        std::string text(rng() % 300, '\0');
        for (auto& c : text) c = static_cast<char>(rng() % 256);
        parse_anything(text);
    }
}

TEST(PageParserRobustness, InvalidUtf8IsReplaced) {
    json r = bw::parse_article_page("Title \xFF here\nBody with a bad \xC3 byte and more words.\n");
    EXPECT_EQ(r["title"], "Title \xEF\xBF\xBD here");
    EXPECT_NO_THROW((void)r.dump());
}

TEST(PageParserRobustness, HugeLinesStayFast) {
    std::string actors(2'000'000, 'A');
    std::string page = "Headline\nstr 1 1/1/2026\nKey actors\n" + actors + "\nAnalysis\n" + std::string(1'000'000, 'x') +
                       "\n";
    auto start = std::chrono::steady_clock::now();
    json r = bw::parse_signal_page(page, registry());
    std::string many_actor_lines = "Headline\nstr 1 1/1/2026\nKey actors\n";
    for (int i = 0; i < 5000; ++i) many_actor_lines += std::string(2000, 'B') + "\n";
    EXPECT_NO_THROW(bw::parse_signal_page(many_actor_lines, registry()));
    parse_anything(std::string(1'000'000, '\n') + std::string(1'000'000, 'y'));
    parse_anything(std::string(200'000, '@') + "a@b.cc " + std::string(200'000, '"'));
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 10.0);
    EXPECT_EQ(r["title"], "Headline");
}

}  // namespace
