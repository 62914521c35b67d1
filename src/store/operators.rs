//! Operators (the people who use privreg) and their roles (SPEC §4 "Roles").

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Read-only: search, show, exports, reports.
    Auditor,
    /// Auditor's rights plus day-to-day changes.
    Staff,
    /// Everything, erasure and operators included.
    Admin,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Auditor => "auditor",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "auditor" => Some(Role::Auditor),
            "staff" => Some(Role::Staff),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Operator {
    pub name: String,
    pub role: Role,
    pub enabled: bool,
    pub created_at: String,
    pub created_by: Option<String>,
}

pub fn get(conn: &impl super::On, name: &str) -> Result<Option<Operator>> {
    super::sql::row(
        conn,
        "SELECT name, role, enabled, created_at, created_by FROM operators WHERE name = ?1",
        &[&name],
        read,
    )
}

fn read(r: &super::sql::Row<'_>) -> Result<Operator> {
    let role: String = r.get(1)?;
    Ok(Operator {
        name: r.get(0)?,
        // The CHECK constraint admits only the three names.
        role: Role::parse(&role).unwrap_or(Role::Auditor),
        enabled: r.get(2)?,
        created_at: r.get(3)?,
        created_by: r.get(4)?,
    })
}

pub fn list(conn: &impl super::On) -> Result<Vec<Operator>> {
    super::sql::rows(
        conn,
        "SELECT name, role, enabled, created_at, created_by FROM operators ORDER BY name",
        &[],
        read,
    )
}

pub fn add(
    conn: &impl super::On,
    name: &str,
    role: Role,
    at: &str,
    by: Option<&str>,
) -> Result<()> {
    // TRUE: SQLite reads it as 1, PostgreSQL as its boolean.
    super::sql::execute(
        conn,
        "INSERT INTO operators (name, role, enabled, created_at, created_by) VALUES (?1, ?2, TRUE, ?3, ?4)",
        &[&name, &role.name(), &at, &by],
    )?;
    Ok(())
}

pub fn disable(conn: &impl super::On, name: &str) -> Result<bool> {
    Ok(super::sql::execute(
        conn,
        "UPDATE operators SET enabled = FALSE WHERE name = ?1",
        &[&name],
    )? == 1)
}
