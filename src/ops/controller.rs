//! The controller: who keeps the registers (the notice's first section,
//! the contact point of the breach letters and forms, the access report).

use serde::Serialize;

use crate::error::Result;
use crate::store::Tx;

/// The settings' keys, in the order every output prints them.
pub const KEYS: [&str; 6] = [
    "name",
    "business_id",
    "address",
    "contact_person",
    "contact_phone",
    "contact_email",
];

/// The controller's details; every one printed, `null` where not set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Controller {
    pub name: Option<String>,
    pub business_id: Option<String>,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
}

impl Controller {
    /// The value of a setting by its key (one of [`KEYS`]).
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            "name" => self.name.as_deref(),
            "business_id" => self.business_id.as_deref(),
            "address" => self.address.as_deref(),
            "contact_person" => self.contact_person.as_deref(),
            "contact_phone" => self.contact_phone.as_deref(),
            "contact_email" => self.contact_email.as_deref(),
            _ => None,
        }
    }

    /// Whether a person can be told whom to contact (GDPR Art. 34(2)).
    pub fn has_contact_point(&self) -> bool {
        self.contact_person.is_some()
            || self.contact_phone.is_some()
            || self.contact_email.is_some()
    }
}

/// The controller's details as set.
pub fn load(tx: &Tx<'_>) -> Result<Controller> {
    let [name, business_id, address, contact_person, contact_phone, contact_email] =
        <[Option<String>; 6]>::try_from(crate::store::controller::get(tx, &KEYS)?).map_err(
            |row| crate::error::Error::Internal(format!("{} controller settings", row.len())),
        )?;
    Ok(Controller {
        name,
        business_id,
        address,
        contact_person,
        contact_phone,
        contact_email,
    })
}

/// What `controller show` prints: the details and the register's id.
#[derive(Debug, Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub controller: Controller,
    /// The id its backups and audit checkpoints carry (SPEC §7).
    pub register_id: String,
}

/// What `controller set` changed, in the order of [`KEYS`]; only what was given.
#[derive(Debug, Default, Serialize)]
pub struct Changed {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// The checkpoint log's path; empty when it was switched off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint_log: Option<String>,
}

impl Changed {
    /// The values given, each under its key.
    pub fn of(values: &[(&str, String)], checkpoint_log: Option<&str>) -> Changed {
        let mut c = Changed {
            checkpoint_log: checkpoint_log.map(str::to_string),
            ..Changed::default()
        };
        for (key, v) in values {
            let slot = match *key {
                "name" => &mut c.name,
                "business_id" => &mut c.business_id,
                "address" => &mut c.address,
                "contact_person" => &mut c.contact_person,
                "contact_phone" => &mut c.contact_phone,
                _ => &mut c.contact_email,
            };
            *slot = Some(v.clone());
        }
        c
    }
}
