package logic

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/zeromicro/go-zero/zrpc"

	"douyin/model/stores"
	"douyin/pkg/likestore"
	"douyin/pkg/testenv"
	"douyin/pkg/userpb"
	"douyin/pkg/xerr"
	"douyin/rpc/user/internal/config"
	"douyin/rpc/user/internal/svc"
	"douyin/rpc/user/pb"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// serviceContext is the service as the tests see it, built once.
var serviceContext = testenv.Lazy(func(env *testenv.Env) *svc.ServiceContext {
	return svc.NewServiceContext(config.Config{RpcServerConf: zrpc.RpcServerConf{}, BcryptCost: 4,
		Conf: stores.Conf{Mysql: stores.MysqlConf{DataSource: env.DataSource}, CacheRedis: env.CacheConf(),
			DataRedis: env.RedisConf(), LikeShards: env.LikeShards}})
})

func register(t *testing.T, name, password string) (int64, error) {
	t.Helper()
	resp, err := NewRegisterLogic(context.Background(), serviceContext()).Register(&pb.RegisterReq{Username: name, Password: password})
	if err != nil {
		return 0, err
	}
	return resp.UserId, nil
}

func login(name, password string) (int64, error) {
	resp, err := NewLoginLogic(context.Background(), serviceContext()).Login(&pb.LoginReq{Username: name, Password: password})
	if err != nil {
		return 0, err
	}
	return resp.UserId, nil
}

func TestRegisterThenLogin(t *testing.T) {
	id, err := register(t, "alice", "s3cret")
	if err != nil || id <= 0 {
		t.Fatalf("register: %d %v", id, err)
	}
	got, err := login("alice", "s3cret")
	if err != nil || got != id {
		t.Fatalf("login: %d %v, want %d", got, err, id)
	}
	if _, err := login("alice", "wrong"); !xerr.Is(err, xerr.WrongCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := login("nobody", "s3cret"); !xerr.Is(err, xerr.WrongCredentials) {
		t.Fatalf("unknown user: %v", err)
	}
	// The password is stored as a bcrypt hash, never in clear.
	var stored string
	if err := testenv.Get().SQL(t).QueryRow("select password from user where id = ?", id).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored == "s3cret" || !strings.HasPrefix(stored, "$2a$") {
		t.Fatalf("stored password %q is not a bcrypt hash", stored)
	}
}

func TestCredentialRulesCountCharacters(t *testing.T) {
	name32 := strings.Repeat("名", 32) // 96 bytes, 32 characters
	if _, err := register(t, name32, strings.Repeat("密", 32)); err != nil {
		t.Fatalf("32 characters refused: %v", err)
	}
	for _, c := range []struct{ name, password string }{
		{strings.Repeat("a", 33), "pw"},
		{"", "pw"},
		{"   ", "pw"},
		{"bob", ""},
		{"bob", strings.Repeat("p", 33)},
		{"bad\x00name", "pw"},
		{"bad\xffname", "pw"},
	} {
		if _, err := register(t, c.name, c.password); !xerr.Is(err, xerr.InvalidParam) {
			t.Errorf("register(%q, %q): %v, want InvalidParam", c.name, c.password, err)
		}
	}
	if n := testenv.Get().QueryInt(t, "select count(*) from user where username in ('', '   ', 'bob')"); n != 0 {
		t.Fatalf("refused registrations left %d rows", n)
	}
}

func TestRacingRegistrationsOfOneNameMakeOneUser(t *testing.T) {
	const racers = 8
	var wg sync.WaitGroup
	results := make(chan error, racers)
	for i := 0; i < racers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := register(t, "racer", "pw")
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	ok, taken := 0, 0
	for err := range results {
		switch {
		case err == nil:
			ok++
		case xerr.Is(err, xerr.UsernameTaken):
			taken++
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if ok != 1 || taken != racers-1 {
		t.Fatalf("%d succeeded, %d taken", ok, taken)
	}
	if n := testenv.Get().QueryInt(t, "select count(*) from user where username = 'racer'"); n != 1 {
		t.Fatalf("%d rows", n)
	}
}

func TestGetUsersBatchesAndMergesCounts(t *testing.T) {
	ctx := context.Background()
	s := serviceContext()
	var ids []int64
	for i := 0; i < 3; i++ {
		id, err := register(t, fmt.Sprintf("batch%d", i), "pw")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	viewer, author, other := ids[0], ids[1], ids[2]
	// viewer follows author; the like store holds their like counts (absolute,
	// ahead of the rows' columns, which the worker's flushes catch up with).
	db := testenv.Get().SQL(t)
	if _, err := db.Exec("insert into follow (user_id, to_user_id, created_at) values (?, ?, 1)", viewer, author); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("update user set follow_count = 1 where id = ?", viewer); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("update user set follower_count = 1, total_favorited = 5, work_count = 2 where id = ?", author); err != nil {
		t.Fatal(err)
	}
	if err := s.User.DelCache(ctx, viewer, author); err != nil {
		t.Fatal(err)
	}
	if err := testenv.Get().Redis().HsetCtx(ctx, likestore.AuthorLikeCounts, fmt.Sprint(author), "8"); err != nil {
		t.Fatal(err)
	}
	if err := testenv.Get().Redis().HsetCtx(ctx, likestore.UserLikeCounts, fmt.Sprint(viewer), "2"); err != nil {
		t.Fatal(err)
	}

	getUsers := func(viewerID int64, userIDs ...int64) map[int64]*userpb.UserInfo {
		resp, err := NewGetUsersLogic(ctx, s).GetUsers(&pb.GetUsersReq{ViewerId: viewerID, UserIds: userIDs})
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]*userpb.UserInfo{}
		for _, u := range resp.Users {
			if out[u.Id] != nil {
				t.Fatalf("user %d answered twice", u.Id)
			}
			out[u.Id] = u
		}
		return out
	}
	// Twice: cold (from MySQL) and warm (from the cache) must agree.
	for round := 0; round < 2; round++ {
		users := getUsers(viewer, author, viewer, other, author, 999999)
		if len(users) != 3 {
			t.Fatalf("round %d: %d users, want 3 (unknown and duplicate ids dropped)", round, len(users))
		}
		a, v := users[author], users[viewer]
		if !a.IsFollow || users[other].IsFollow || v.IsFollow {
			t.Fatalf("round %d: is_follow wrong: %v %v %v", round, a.IsFollow, users[other].IsFollow, v.IsFollow)
		}
		if a.TotalFavorited != 8 || a.FollowerCount != 1 || a.WorkCount != 2 || v.FavoriteCount != 2 || v.FollowCount != 1 {
			t.Fatalf("round %d: counts wrong: author %+v viewer %+v", round, a, v)
		}
	}
	if users := getUsers(0, author); users[author].IsFollow {
		t.Fatal("anonymous viewer follows someone")
	}
	// The row cache is shared with the generated FindOne.
	if u, err := s.User.FindOne(ctx, author); err != nil || u.WorkCount != 2 {
		t.Fatalf("FindOne: %+v %v", u, err)
	}
}
