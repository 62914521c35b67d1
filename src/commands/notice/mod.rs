//! `export notice`: the record of processing activities (GDPR Art. 30(1))
//! and the privacy notice (Art. 13 and 14, *tietosuojaseloste*), built from
//! what the register file holds (DOMAIN §9): the controller, each
//! register's purposes and the legal bases in use with their counts, its
//! data subjects, data, sources, recipients and transfers from the
//! disclosure log, retention and holds with their grounds, the security
//! measures, and the data subject's rights.
//!
//! The notice is gathered once into a [`Notice`] by `ops::notice` (the
//! json output); the Markdown document (`markdown/`) only arranges it,
//! its sentences from the catalogue (`messages/catalogue/notice.tsv`).

mod markdown;
pub mod record;
mod text;

pub use crate::ops::notice::*;

use super::Session;
use crate::cli::NoticeArgs;
use crate::error::Result;
use crate::messages::R;
use crate::output::{to_map, Format, Output};
use crate::store::audit::Entry;

pub fn run(session: &mut Session, args: NoticeArgs) -> Result<Output> {
    let lang = crate::commands::document_lang(session, "`export notice`")?;
    let format = session.global.format;
    let render = |notice: &Notice| match format {
        Format::Json => serde_json::to_string_pretty(notice).unwrap_or_default() + "\n",
        _ => markdown::render(notice, lang),
    };
    let (notice, published) = if args.publish {
        // The text is built and kept in one write transaction, so the
        // version holds exactly what was printed.
        session.write("export-notice-publish", |tx, who| {
            let notice = build(tx, who.today, lang)?;
            let text = render(&notice);
            let sha = sha256_hex(&text);
            let version = crate::store::notice::publish(
                tx,
                &crate::store::notice::NewVersion {
                    published_on: &who.today_iso(),
                    published_at: &who.now,
                    published_by: &who.operator,
                    lang: lang.code(),
                    format: format.name(),
                    sha256: &sha,
                    text: &text,
                },
            )?;
            let entry = Entry::new("export-notice-publish")
                .rows(notice.registers.len())
                .detail(format!(
                    "version={version} sha256={sha} lang={lang} format={}",
                    format.name()
                ));
            Ok(((notice, Some((version, sha))), entry))
        })?
    } else {
        session.read(|tx, who| {
            let notice = build(tx, who.today, lang)?;
            let entry = Entry::new("export-notice")
                .rows(notice.registers.len())
                .detail(format!("lang={lang} format={}", format.name()));
            Ok(((notice, None), entry))
        })?
    };
    if !notice.controller.missing.is_empty() && !session.global.quiet {
        eprintln!(
            "privreg: {}",
            R::ControllerIncomplete.say(&[&setting_options(&notice.controller.missing)])
        );
    }
    if let Some((version, sha)) = &published {
        if !session.global.quiet {
            eprintln!("privreg: {}", R::NoticePublished.say(&[version, sha]));
        }
    }
    Ok(match format {
        Format::Json => Output::Object {
            value: to_map(&notice),
            plain: None,
        },
        _ => Output::Document(markdown::render(&notice, lang)),
    })
}

/// The SHA-256 of a text, in lower-case hex.
fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The controller's missing settings as the options of `controller set`
/// that give them (`business_id` → `--business-id`): what to type, the
/// same in every language.
fn setting_options(missing: &[impl AsRef<str>]) -> String {
    let option = |key: &str| format!("--{}", key.replace('_', "-"));
    missing
        .iter()
        .map(|k| option(k.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}
