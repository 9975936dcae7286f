"""The tests here build their own data with `tests.factories` and the translated content of
`tests.translation.translated_content`, per module where the tests share it (see
`tests.conftest.shared_data`)."""
