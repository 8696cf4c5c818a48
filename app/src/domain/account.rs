//! Staff accounts: the rules for user names, names shown, passwords, and the administrator's user form.

use serde::{Deserialize, Serialize};

use super::text::{TextError, clean_text};
use super::{FieldError, Role};

/// Shortest and longest accepted passwords, in characters.
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;
/// Most regions or product lines one person may be assigned.
pub const MAX_AREAS: usize = 20;

/// A sign-in name: 3–32 characters of lowercase letters, digits, `.`, `_` or `-`, starting with a letter
/// or digit. Typed names are lowercased, so `Wang.Li` and `wang.li` are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

/// Why a user name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("required")]
    Required,
    #[error("3 to 32 characters")]
    Length,
    #[error("letters, digits, '.', '_' and '-' only")]
    Characters,
}

impl Username {
    /// Cleans and checks a typed user name.
    pub fn parse(raw: &str) -> Result<Self, UsernameError> {
        let name = raw.trim().to_lowercase();
        if name.is_empty() {
            return Err(UsernameError::Required);
        }
        if !(3..=32).contains(&name.chars().count()) {
            return Err(UsernameError::Length);
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        if !name.chars().all(allowed) || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(UsernameError::Characters);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::parsed_text_impls!(Username, UsernameError);

/// Checks a new password: long enough to resist guessing, short enough to hash, and not the user name.
/// Returns the translation key of the problem.
pub fn check_password(password: &str, username: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if password.trim().is_empty() {
        return Err("error.required");
    }
    if length < PASSWORD_MIN {
        return Err("error.password_too_short");
    }
    if length > PASSWORD_MAX {
        return Err("error.too_long");
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Err("error.password_contains_username");
    }
    Ok(())
}

/// The administrator's user form as typed. `password` is used only when creating an account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserInput {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<String>,
    /// Regions served, separated by commas, `、` or new lines (used for dispatch).
    pub regions: String,
    /// Product lines handled, separated the same way.
    pub product_lines: String,
    pub password: String,
}

/// A user form that passed every rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidUser {
    pub username: Username,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub regions: Vec<String>,
    pub product_lines: Vec<String>,
}

/// Splits a typed list on commas (ASCII or Chinese), `、` and line breaks; trims, drops empties and repeats.
pub fn split_list(raw: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in raw.split([',', '，', '、', '\n', ';', '；']).map(str::trim).filter(|s| !s.is_empty()) {
        if !items.iter().any(|i| i == item) {
            items.push(item.to_owned());
        }
    }
    items
}

fn area_list(raw: &str, field: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let items = split_list(raw);
    if items.len() > MAX_AREAS || items.iter().any(|i| i.chars().count() > 50) {
        errors.push(FieldError::new(field, "error.too_long"));
    }
    items
}

impl UserInput {
    /// Checks the form; `creating` also requires an initial password. All problems come back at once.
    pub fn validate(&self, creating: bool) -> Result<ValidUser, Vec<FieldError>> {
        let mut errors = Vec::new();
        let username = Username::parse(&self.username).map_err(|e| {
            let code = match e {
                UsernameError::Required => "error.required",
                UsernameError::Length => "error.username_length",
                UsernameError::Characters => "error.username_characters",
            };
            errors.push(FieldError::new("username", code));
        });
        let display_name = clean_text(&self.display_name, 50, true).map_err(|e| {
            let code = if e == TextError::Required { "error.required" } else { "error.too_long" };
            errors.push(FieldError::new("display_name", code));
        });
        let mut roles = Vec::new();
        for raw in &self.roles {
            match Role::parse(raw) {
                Some(role) if !roles.contains(&role) => roles.push(role),
                Some(_) => {}
                None => errors.push(FieldError::new("roles", "error.invalid_choice")),
            }
        }
        if self.roles.is_empty() {
            errors.push(FieldError::new("roles", "error.role_required"));
        }
        roles.sort();
        let regions = area_list(&self.regions, "regions", &mut errors);
        let product_lines = area_list(&self.product_lines, "product_lines", &mut errors);
        if creating {
            let name = username.as_ref().map(Username::as_str).unwrap_or_default();
            if let Err(code) = check_password(&self.password, name) {
                errors.push(FieldError::new("password", code));
            }
        }
        match (username, display_name) {
            (Ok(username), Ok(display_name)) if errors.is_empty() => {
                Ok(ValidUser { username, display_name, roles, regions, product_lines })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> UserInput {
        UserInput {
            username: " Wang.Li ".into(),
            display_name: "王丽".into(),
            roles: vec!["technician".into(), "agent".into(), "technician".into()],
            regions: "华东·苏州，华东·无锡、上海\n上海".into(),
            product_lines: "".into(),
            password: "correct horse battery".into(),
        }
    }

    #[test]
    fn user_names_are_lowercased_and_checked() {
        assert_eq!(Username::parse(" Wang.Li ").unwrap().as_str(), "wang.li");
        assert_eq!(Username::parse("ab"), Err(UsernameError::Length));
        assert_eq!(Username::parse("王丽华"), Err(UsernameError::Characters));
        assert_eq!(Username::parse(".hidden"), Err(UsernameError::Characters));
        assert_eq!(Username::parse("  "), Err(UsernameError::Required));
    }

    #[test]
    fn passwords_must_be_long_and_not_the_user_name() {
        assert_eq!(check_password("short", "li"), Err("error.password_too_short"));
        assert_eq!(check_password("my-wang.li-2026", "wang.li"), Err("error.password_contains_username"));
        assert_eq!(check_password(&"x".repeat(129), "li"), Err("error.too_long"));
        assert_eq!(check_password("          ", "li"), Err("error.required"));
        assert_eq!(check_password("密码是十个汉字长度的", "li"), Ok(()));
    }

    #[test]
    fn a_valid_form_gives_clean_roles_and_areas() {
        let user = form().validate(true).unwrap();
        assert_eq!(user.username.as_str(), "wang.li");
        assert_eq!(user.roles, vec![Role::Agent, Role::Technician]);
        assert_eq!(user.regions, vec!["华东·苏州", "华东·无锡", "上海"]);
        assert!(user.product_lines.is_empty());
    }

    #[test]
    fn every_problem_comes_back_at_once() {
        let bad = UserInput { username: "x".into(), roles: vec!["pilot".into()], ..Default::default() };
        let errors = bad.validate(true).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["username", "display_name", "roles", "password"]);
        let none = UserInput { roles: vec![], ..form() };
        assert_eq!(none.validate(false).unwrap_err()[0].code, "error.role_required");
    }

    #[test]
    fn editing_does_not_need_a_password() {
        assert!(UserInput { password: String::new(), ..form() }.validate(false).is_ok());
    }
}
