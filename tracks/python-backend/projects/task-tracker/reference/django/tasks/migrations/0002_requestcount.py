from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tasks', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='RequestCount',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('method', models.CharField(max_length=10)),
                ('path', models.CharField(max_length=200)),
                ('status', models.IntegerField()),
                ('count', models.IntegerField()),
            ],
        ),
        migrations.AddConstraint(
            model_name='requestcount',
            constraint=models.UniqueConstraint(fields=('method', 'path', 'status'), name='one_count_per_series'),
        ),
    ]
