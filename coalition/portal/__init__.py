"""The partner portal: partner staff keep their profile, submit stories and share documents."""
