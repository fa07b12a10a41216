"""The built-in rules. Importing this package registers them."""
