//! The integration test suite: one binary, one module per feature, and one `support`
//! module (fixtures, the real binary, output normalisation for snapshots, HTTP clients,
//! the search and kinds helpers). Snapshots live in `tests/testsuite/snapshots/`.

mod support;

mod architecture;
mod bad_input;
mod bare_generators;
mod build;
mod check_rules;
mod cli_messages;
mod content_originality;
mod content_safety;
mod editions_acceptance;
mod editions_integrity;
mod feeds_print;
mod help;
mod host_http;
mod host_limits;
mod host_search;
mod hosting;
mod import;
mod kinds_checklists;
mod kinds_contacts;
mod kinds_new;
mod kinds_registers;
mod kinds_triage;
mod knowledge_base;
mod moj_corpus;
mod nginx;
mod output_safety;
mod profile_leak;
mod property_site;
mod publishing;
mod search_cli;
mod search_fallback;
mod search_gap;
mod search_limits;
mod search_pages;
mod search_relevance;
mod search_round2;
mod search_xss;
mod serve_live;
mod serve_parity;
mod serve_recover;
mod tags;
