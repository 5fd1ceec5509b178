package main

import (
	"fmt"
	"net/http"
	"net/url"
)

// Reads of the social half: lists of a realistic length, and the empty chat poll
// that every open chat screen sends once a second.
func init() {
	register(Scenario{Name: "comment_list_20", Setup: func(b *Bench) (Request, error) {
		u, err := b.NewUser("cmt")
		if err != nil {
			return nil, err
		}
		videoID, err := b.AnyVideo()
		if err != nil {
			return nil, err
		}
		for i := 0; i < 20; i++ {
			if err := b.Action("/douyin/comment/action/", url.Values{"token": {u.Token}, "video_id": {fmt.Sprint(videoID)},
				"action_type": {"1"}, "comment_text": {fmt.Sprintf("bench comment %d", i)}}); err != nil {
				return nil, err
			}
		}
		return get(b.Gateway+"/douyin/comment/list/", url.Values{"video_id": {fmt.Sprint(videoID)}, "token": {u.Token}}), nil
	}})
	register(Scenario{Name: "follow_list_50", Setup: func(b *Bench) (Request, error) {
		u, err := b.NewUser("fol")
		if err != nil {
			return nil, err
		}
		for i := 0; i < 50; i++ {
			other, err := b.NewUser("fold")
			if err != nil {
				return nil, err
			}
			if err := b.Action("/douyin/relation/action/", url.Values{"token": {u.Token},
				"to_user_id": {fmt.Sprint(other.ID)}, "action_type": {"1"}}); err != nil {
				return nil, err
			}
		}
		return get(b.Gateway+"/douyin/relation/follow/list/", url.Values{"user_id": {fmt.Sprint(u.ID)}, "token": {u.Token}}), nil
	}})
	register(Scenario{Name: "friend_list", Setup: func(b *Bench) (Request, error) {
		u, err := b.NewUser("fri")
		if err != nil {
			return nil, err
		}
		for i := 0; i < 10; i++ {
			other, err := b.NewUser("frid")
			if err != nil {
				return nil, err
			}
			for _, pair := range [][2]User{{u, other}, {other, u}} {
				if err := b.Action("/douyin/relation/action/", url.Values{"token": {pair[0].Token},
					"to_user_id": {fmt.Sprint(pair[1].ID)}, "action_type": {"1"}}); err != nil {
					return nil, err
				}
			}
			if err := b.Action("/douyin/message/action/", url.Values{"token": {other.Token},
				"to_user_id": {fmt.Sprint(u.ID)}, "action_type": {"1"}, "content": {"hello"}}); err != nil {
				return nil, err
			}
		}
		return get(b.Gateway+"/douyin/relation/friend/list/", url.Values{"token": {u.Token}}), nil
	}})
	register(Scenario{Name: "chat_poll_empty", Setup: func(b *Bench) (Request, error) {
		u, err := b.NewUser("chat")
		if err != nil {
			return nil, err
		}
		other, err := b.NewUser("chatd")
		if err != nil {
			return nil, err
		}
		for i := 0; i < 20; i++ {
			if err := b.Action("/douyin/message/action/", url.Values{"token": {other.Token},
				"to_user_id": {fmt.Sprint(u.ID)}, "action_type": {"1"}, "content": {fmt.Sprintf("m%d", i)}}); err != nil {
				return nil, err
			}
		}
		var chat struct {
			Messages []struct {
				CreateTime int64 `json:"create_time"`
			} `json:"message_list"`
		}
		r, _ := get(b.Gateway+"/douyin/message/chat/", url.Values{"token": {u.Token}, "to_user_id": {fmt.Sprint(other.ID)}})(0, 0)
		if err := b.Call(r, &chat); err != nil || len(chat.Messages) == 0 {
			return nil, fmt.Errorf("chat history: %v", err)
		}
		last := chat.Messages[len(chat.Messages)-1].CreateTime
		return get(b.Gateway+"/douyin/message/chat/", url.Values{"token": {u.Token},
			"to_user_id": {fmt.Sprint(other.ID)}, "pre_msg_time": {fmt.Sprint(last)}}), nil
	}})
}

// Action sends one POST as the app does and checks it succeeded.
func (b *Bench) Action(path string, params url.Values) error {
	r, _ := post(b.Gateway+path, params)(0, 0)
	return b.Do(r)
}

// AnyVideo answers the id of the newest video (make up seeds some).
func (b *Bench) AnyVideo() (int64, error) {
	var feed struct {
		Videos []struct {
			ID int64 `json:"id"`
		} `json:"video_list"`
	}
	r, _ := http.NewRequest(http.MethodGet, b.Gateway+"/douyin/feed/", nil)
	if err := b.Call(r, &feed); err != nil {
		return 0, err
	}
	if len(feed.Videos) == 0 {
		return 0, fmt.Errorf("no videos: run make seed")
	}
	return feed.Videos[0].ID, nil
}
