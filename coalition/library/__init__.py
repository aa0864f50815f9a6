"""The editors' media library: images and documents uploaded once, used anywhere by reference."""
