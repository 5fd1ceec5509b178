// Command reshard moves the like rows to another number of shard tables, offline
// (make down first): make reshard TO=8. It reads MySQL's address from an etc
// file the way the processes do (envconf), moves and verifies the rows in one
// transaction (model.Reshard) and records the new layout; the processes then
// need LIKE_SHARDS set to the new count, and refuse the old one.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/model"
	"douyin/model/stores"
	"douyin/pkg/envconf"
)

var (
	configFile = flag.String("f", "mq/etc/mq.yaml", "an etc file with the Mysql section")
	to         = flag.Int("to", 0, "the number of like shard tables to move to (1..99)")
)

func main() {
	flag.Parse()
	var c struct {
		Mysql stores.MysqlConf
	}
	envconf.MustLoad(*configFile, &c)
	sqlx.DisableStmtLog()
	from, err := model.Reshard(context.Background(), sqlx.NewMysql(c.Mysql.DataSource), *to)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if from == *to {
		fmt.Printf("the likes are in %d shard tables already: nothing to move\n", from)
		return
	}
	fmt.Printf("moved the likes from %d to %d shard tables and recorded the layout: "+
		"start the processes with LIKE_SHARDS=%d\n", from, *to, *to)
}
