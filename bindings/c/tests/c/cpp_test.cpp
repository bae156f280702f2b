// The header from C++17: RAII wrappers over the handles, std::string_view
// texts, exceptions on failure statuses.
#include "phimask.h"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

struct Free {
  void operator()(phimask_analyzer *p) const { phimask_analyzer_free(p); }
  void operator()(phimask_string *p) const { phimask_string_free(p); }
  void operator()(phimask_results *p) const { phimask_results_free(p); }
  void operator()(phimask_error *p) const { phimask_error_free(p); }
};

template <typename T>
using Handle = std::unique_ptr<T, Free>;

void check(phimask_status s, const phimask_error *err) {
  if (s != PHIMASK_OK) {
    throw std::runtime_error(std::string(phimask_status_name(s)) + ": " + phimask_error_message(err));
  }
}

std::string mask(const phimask_analyzer *a, std::string_view text) {
  Handle<phimask_error> err(phimask_error_new());
  phimask_string *out = nullptr;
  check(phimask_analyzer_mask(a, text.data(), text.size(), &out, err.get()), err.get());
  Handle<phimask_string> owned(out);
  return std::string(phimask_string_ptr(out), phimask_string_len(out));
}

}  // namespace

int main() {
  phimask_analyzer *raw = nullptr;
  check(phimask_analyzer_new_named("safe_harbor", &raw, nullptr), nullptr);
  Handle<phimask_analyzer> analyzer(raw);

  std::string masked = mask(analyzer.get(), "John Smith, SSN 123-45-6789, seen last week.");
  if (masked.find("6789") != std::string::npos || masked.find("last week") == std::string::npos) {
    std::fprintf(stderr, "unexpected: %s\n", masked.c_str());
    return 1;
  }

  bool threw = false;
  try {
    mask(analyzer.get(), std::string_view("bad \xff", 5));
  } catch (const std::runtime_error &e) {
    threw = std::string(e.what()).rfind("PHIMASK_INVALID_UTF8", 0) == 0;
  }
  if (!threw) return 1;

  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; i++) {
    threads.emplace_back([&, i] {
      std::string m = mask(analyzer.get(), "Call (212) 555-0198 about the MRI.");
      ok[i] = m.find("555-0198") == std::string::npos;
    });
  }
  for (auto &t : threads) t.join();
  for (int v : ok) {
    if (!v) return 1;
  }

  phimask_results *r = nullptr;
  std::string_view text = "SSN 123-45-6789";
  check(phimask_analyzer_analyze(analyzer.get(), text.data(), text.size(), 0, &r, nullptr), nullptr);
  Handle<phimask_results> results(r);
  const phimask_detection *items = phimask_results_items(r);
  if (phimask_results_len(r) < 1 || std::string_view(items[0].entity) != "US_SSN") return 1;

  std::puts("cpp: ok");
  return 0;
}
