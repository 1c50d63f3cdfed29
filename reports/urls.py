from django.urls import path

from .views import reminders

urlpatterns = [
    path("<int:year>/reminders/", reminders.reminder_list, name="reminder_list"),
    path("<int:year>/reminders/send/", reminders.reminders_send, name="reminders_send"),
]
