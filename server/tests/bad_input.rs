//! Hostile and careless input: always a clear, localized 4xx, nothing stored, nothing executed.

mod support;

use serde_json::{Value, json};
use support::{TestApp, spawn_app, valid_intake};

async fn stored(app: &TestApp) -> usize {
    app.list(json!({})).await["items"].as_array().unwrap().len()
}

fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .unwrap_or(&vec![])
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_owned(), f["code"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn field_errors_are_422_with_localized_messages_and_nothing_is_stored() {
    let app = spawn_app().await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("fault_description", json!(""), "error.required"),
        ("fault_description", json!("   \n\t "), "error.required"),
        ("fault_description", json!("x".repeat(1024 * 1024)), "error.too_long"),
        ("company", json!("公".repeat(101)), "error.too_long"),
        ("phone", json!("12345"), "error.invalid_phone"),
        ("phone", json!("<script>alert(1)</script>"), "error.invalid_phone"),
        ("service_type", json!("teleportation"), "error.unknown_value"),
        ("urgency", json!("yesterday"), "error.unknown_value"),
        ("channel", json!("<b>phone</b>"), "error.unknown_value"),
        ("purchase_date", json!("2999-01-01"), "error.date_in_future"),
        ("purchase_date", json!("18/03/2025"), "error.invalid_date"),
        ("serial_number", json!("has spaces in it"), "error.invalid_serial"),
    ];
    for (field, value, code) in cases {
        let mut intake = valid_intake();
        intake[field] = value;
        let (status, body) = app.call_in("tickets/create", json!({ "input": intake }), "en").await;
        assert_eq!(status, 422, "{field}: {body}");
        assert_eq!(body["error"], "invalid");
        assert_eq!(field_codes(&body), vec![(field.to_owned(), code.to_owned())], "{field}");
        assert!(!body["fields"][0]["message"].as_str().unwrap().starts_with("error."), "localized");
    }
    let mut intake = valid_intake();
    intake["fault_description"] = json!("");
    let (_, zh) = app.call_in("tickets/create", json!({ "input": intake.clone() }), "zh-CN").await;
    assert_eq!(zh["fields"][0]["message"], "此项为必填项。");
    let (_, en) = app.call_in("tickets/create", json!({ "input": intake }), "en").await;
    assert_eq!(en["fields"][0]["message"], "This field is required.");
    assert_eq!(stored(&app).await, 0);
}

#[tokio::test]
async fn unreadable_requests_are_400_with_a_message_and_no_internals() {
    let app = spawn_app().await;
    let bodies = [
        "{\"input\": {\"company\": ",
        "not json at all",
        "{\"input\": {\"company\": 42}}",
        "{\"input\": \"text\"}",
        "",
    ];
    for body in bodies {
        let (status, answer) = app.post_raw("tickets/create", body, "en").await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(answer["error"], "bad_request");
        assert!(answer["message"].as_str().unwrap().contains("could not be read"));
        assert!(answer.get("detail").is_none(), "parser details stay on the server");
    }
    assert_eq!(stored(&app).await, 0);
}

#[tokio::test]
async fn markup_in_every_text_field_is_stored_as_text_and_shown_escaped() {
    let app = spawn_app().await;
    let script = "<script>alert(1)</script>";
    let mut intake = valid_intake();
    for field in ["company", "contact_name", "region", "address", "product_model", "preferred_time"] {
        intake[field] = json!(format!("{script}{field}"));
    }
    intake["fault_description"] = json!(format!("{script}<img src=x onerror=alert(1)>"));
    let number = app.create(intake).await;
    let (status, html) = app.page(&format!("/tickets/{number}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert"), "raw script in page");
    assert!(!html.contains("<img src=x"), "raw markup in page");
    assert!(html.contains("&lt;script&gt;alert"), "escaped text shown");
    let (_, list_html) = app.page("/tickets").await;
    assert!(!list_html.contains("<script>alert") && list_html.contains("&lt;script&gt;"));
}
