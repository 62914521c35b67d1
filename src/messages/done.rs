//! The words of `catalogue/done.tsv` that a command fills into its lines:
//! a register's name as the run's language says it.

use super::D;

impl D {
    /// A register's name (`customer` …) as a message of this run says it;
    /// a name privreg does not know reads as itself.
    pub fn register(name: &str) -> String {
        match name {
            "customer" => D::RegisterCustomer.to_string(),
            "business" => D::RegisterBusiness.to_string(),
            "employee" => D::RegisterEmployee.to_string(),
            "recruitment" => D::RegisterRecruitment.to_string(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::D;
    use crate::messages::Lang;

    #[test]
    fn no_done_line_ends_with_a_full_stop() {
        for k in D::ALL {
            let [fi, sv] = [Lang::Fi, Lang::Sv].map(|l| k.text(l));
            assert!(!fi.ends_with('.') && !sv.ends_with('.'), "{k:?}");
        }
    }

    #[test]
    fn registers_are_named_in_the_language_asked() {
        assert_eq!(D::RegisterEmployee.text(Lang::Fi), "henkilöstö");
        assert_eq!(D::register("nonesuch"), "nonesuch");
    }
}
