//! Integration tests: the real `privreg` binary on real register files in
//! temp dirs. One module per area; `util` gives each test its own register.

mod kind;
mod util;

mod audit;
mod bases;
mod breach;
mod checkpoint;
mod clock;
mod crash;
mod disclose;
mod erase;
mod export;
mod hostile;
mod import;
mod init;
mod json_keys;
mod json_keys_docs;
mod json_keys_ops3;
mod json_keys_ops4;
mod json_keys_ops5;
mod json_keys_ops6;
mod json_keys_ops7;
mod language;
mod language_msga;
mod language_msgb;
mod language_msgc;
mod language_msgd;
mod marketing;
mod notice;
mod office;
mod office_a;
mod operators;
mod processing;
mod records;
mod reliability;
mod requests;
mod restore;
mod restrict;
mod seal;
mod search;
mod server;
mod server_erase;
mod server_records;
mod tour;
mod validation;
