"""Orders: intake, review, allocation and the review desk."""
