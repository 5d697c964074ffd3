#!/bin/sh
# The sample's own start script, as legacy apps ship it: JDK 7 era flags, daemonized with nohup.
JAVA_HOME=/opt/jdk1.7.0_80
nohup $JAVA_HOME/bin/java -Xms128m -Xmx256m -XX:MaxPermSize=128m -XX:+UseConcMarkSweepGC -Dlog.dir=../logs -Dhttp.port=8081 -cp "../conf:../lib/*" com.acme.billing.Main >> ../logs/billing.log 2>&1 &
echo $! > ../billing.pid
