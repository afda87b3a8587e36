"""The working-day calendar an administrator edits (service) and its `flask calendar` commands."""
