//! Operators as login roles (SPEC §8): `operator add` makes (or adopts) a
//! login role in its group, `operator disable` takes its login and group
//! away, `passwd` sets the session's own password. Role changes go through
//! `operator_login()` and `operator_logout()` (migrations/pg/003), which
//! only privreg_admin may call; a password travels as a SCRAM-SHA-256
//! verifier made here, never in the clear.

use zeroize::Zeroizing;

use crate::error::Result;
use crate::store::operators::Role;
use crate::store::On;

/// A password's SCRAM-SHA-256 verifier (random salt), as the server
/// stores it; it holds no character that needs quoting.
pub fn verifier(password: &str) -> Zeroizing<String> {
    Zeroizing::new(postgres_protocol::password::scram_sha_256(
        password.as_bytes(),
    ))
}

/// Makes `name` a login role in `role`'s group, with the password whose
/// verifier is given (else the role keeps the one it has, if any).
/// Returns whether the role was made rather than adopted.
pub fn login(on: &impl On, name: &str, role: Role, verifier: Option<&str>) -> Result<bool> {
    let made = crate::store::sql::row(
        on,
        "SELECT operator_login(?1, ?2, ?3)",
        &[&name, &role.name(), &verifier],
        |r| r.get::<bool>(0),
    )?;
    Ok(made.unwrap_or(false))
}

/// Takes away `name`'s login and its privreg group.
pub fn logout(on: &impl On, name: &str) -> Result<()> {
    crate::store::sql::row(on, "SELECT operator_logout(?1)::text", &[&name], |_| Ok(()))?;
    Ok(())
}

/// Sets the session's own password (any role may change its own).
pub fn set_own_password(on: &impl On, verifier: &str) -> Result<()> {
    // A statement, not a parameter: ALTER ROLE takes no bind parameters.
    // The verifier is base64 and `$`/`:` only, and checked for that.
    if !verifier
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "$:+/=-".contains(c))
    {
        return Err(crate::error::Error::Internal(
            "a SCRAM verifier with unexpected characters".into(),
        ));
    }
    crate::store::sql::execute(
        on,
        &format!("ALTER ROLE SESSION_USER PASSWORD '{verifier}'"),
        &[],
    )?;
    Ok(())
}
