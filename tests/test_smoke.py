def test_settings_load(settings):
    assert settings.TIME_ZONE == "Asia/Jakarta"
