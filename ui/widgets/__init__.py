"""Small reusable widgets: message bar, money field, table set-up helpers."""
