"""Worked examples of ../shared/akeneo/event-platform.md §8 (bodies byte for byte, secrets and the
signatures published there), shared by the event tests."""

from __future__ import annotations

PRIMARY_SECRET = "averysecretprimarysecret"
SECONDARY_SECRET = "my-rotation-secret-2026"
PRODUCT_DELETED = (
    b'{"specversion":"1.0","id":"018e197c-dfe2-70f8-9346-1a8e016f5fbb",'
    b'"source":"akeneo-event-platform","type":"com.akeneo.pim.v1.product.deleted",'
    b'"subject":"0190fe8a-6213-76ce-8a9f-ba36a5ef555a","datacontenttype":"application/json",'
    b'"dataschema":"https://event.prd.sdk.akeneo.cloud/spec/com.akeneo.pim.v1.product.deleted'
    b'.schema.json","time":"2024-03-07T15:16:37Z","data":{"product":{"uuid":'
    b'"3444ec1b-058e-4208-9b6c-284f47a7aa17"},"author":{"identifier":'
    b'"b238e9f7-fcec-45bd-9431-d43cd624b244","type":"api"}}}'
)
PRIMARY_SIGNATURE = "619791bc1970359caed37d8a1ff6cbe2f16e64c80c10d77d05e3d71d6fc4ec74"
SECONDARY_SIGNATURE = "7f5a2a233598973d54cf73c1bc522c41883a2a4a0a6cca046dd9835a53439036"
RESERIALISED_SIGNATURE = "7cb254d0ad58aefd12a03f89a59649f2df54be7c4698f9c34c5c3f7e166d2cbf"

NOTIFICATION_SECRET = "a-shared-secret-of-16-to-256-chars"
NOTIFICATION = (
    b'{"notification_type":"subscription.suspended.system","timestamp":"2026-04-29T12:34:56Z",'
    b'"subscription_id":"018e1ec5-29da-78ad-aae6-92065b9ca2a6",'
    b'"subscriber_id":"018e1ec5-29da-78ad-aae6-92065b9ca2a5",'
    b'"destination":"https://my-app.example.com/webhook","events":'
    b'["com.akeneo.pim.v1.product.created","com.akeneo.pim.v1.product.updated"],'
    b'"reason":"Success rate dropped below 90%","subject":"https://example.cloud.akeneo.com/"}'
)
NOTIFICATION_SIGNATURE = "df0dc036bdebc51045707e5691e5606e3ad755b7fd94c6974215f260e3fc2595"

LEGACY_SECRET = "3ha6eonoa9icsckw8kccos084w0c0000g08g40oo4kww0gc8w4"
LEGACY_TIMESTAMP = 1602565368
LEGACY_BODY = (
    b'{"events":[{"action":"product.removed","event_id":"6ad821d8-2468-4632-89d2-92e442c72313",'
    b'"event_datetime":"2020-10-13T05:02:48+00:00","author":"julia","author_type":"ui",'
    b'"pim_source":"https://demo.akeneo.com","data":{"resource":{"uuid":'
    b'"1fd20ad8-ef95-49d7-a581-fb9f8ac0c5ad","identifier":"1111111304"}}}]}'
)
LEGACY_SIGNATURE = "10793dc2ecf9285dbbd1d21d93cf244d4ae0c93f052487488fccbf550910d208"
LEGACY_BODY_ONLY_SIGNATURE = "7ff6e8484ddf11e29c825ebb5f7ea49a27028b0749f6f0fa29ca34d2034189b4"
